"""Generates a circuit's verifying key and Halo2 Solidity verifier with native ezkl 21.0.0.

Usage: create_evm_verifier.py REQUEST_JSON
REQUEST_JSON: {"compiled", "settings", "srs", "outDir", "reusable"}. Writes outDir/vk.key,
outDir/Halo2Verifier.sol and, when reusable, outDir/Halo2VerifyingArtifact.sol, then prints one
JSON line. The proving key that `setup` also writes is deleted: only the vk is needed here.

ezkl's create_evm_verifier writes the .sol file first and then tries to download solc (svm) to
produce an ABI; offline that second step fails. That failure is expected and ignored when the
file exists: the project compiles the Solidity with solc-js.
"""
import asyncio
import json
import os
import sys

import ezkl


async def write_solidity(call, path):
    try:
        await call()
    except RuntimeError as error:
        if "svm" not in str(error) or not os.path.exists(path):
            raise


async def main(request):
    out = request["outDir"]
    srs = request["srs"]
    vk = os.path.join(out, "vk.key")
    pk = os.path.join(out, "pk.key.tmp")
    try:
        if not ezkl.setup(request["compiled"], vk, pk, srs_path=srs):
            raise RuntimeError("ezkl.setup returned false")
    finally:
        if os.path.exists(pk):
            os.remove(pk)
    reusable = bool(request.get("reusable"))
    sol = os.path.join(out, "Halo2Verifier.sol")
    abi = os.path.join(out, "abi.json.tmp")
    await write_solidity(lambda: ezkl.create_evm_verifier(vk, request["settings"], sol, abi, srs_path=srs, reusable=reusable), sol)
    written = {"vk": vk, "verifier": sol}
    if reusable:
        vka = os.path.join(out, "Halo2VerifyingArtifact.sol")
        await write_solidity(lambda: ezkl.create_evm_vka(vk, request["settings"], vka, abi, srs_path=srs), vka)
        written["vka"] = vka
    if os.path.exists(abi):
        os.remove(abi)
    print(json.dumps(written))


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        asyncio.run(main(json.load(f)))
    sys.stdout.flush()
    # ezkl's async runtime threads can still hold the GIL machinery when the interpreter finalizes,
    # which aborts the process (PyGILState_Release) after the work is done: leave without finalizing.
    os._exit(0)
