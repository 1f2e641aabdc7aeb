/**
 * Delayed admin changes as the owner runs them: `planOracleAdminCall` prepares each step for the
 * owner to sign, `listOracleChanges` reads what is pending, and `cli admin` prints both. The
 * owner's transactions are sent here as a multisig would send them, on the local Hardhat node.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { encodeFunctionData, type Address, type Hex } from "viem";
import { riskOracleAbi } from "../../src/chain/abi/riskOracle.js";
import { decodeOracleChange } from "../../src/chain/decodeOracleChange.js";
import { encodeOracleChange } from "../../src/chain/encodeOracleChange.js";
import { listOracleChanges } from "../../src/chain/listOracleChanges.js";
import {
  planOracleAdminCall,
  type PlanOracleAdminCallParameters,
  type PlanOracleAdminCallReturnType,
} from "../../src/chain/planOracleAdminCall.js";
import { OracleError } from "../../src/report/errors.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  increaseTime,
  publicClientFor,
  rpcUrl,
  skipWithoutNode,
  testKey,
  walletClientFor,
} from "./support/evm.js";
import { deployOracleFixture, type OracleFixture } from "./support/oracleFixture.js";

const skip = await skipWithoutNode();
const run = promisify(execFile);

const owner = testKey("admin:owner");
const newcomer = testKey("admin:newcomer").address;
const publicClient = publicClientFor();
const walletClient = walletClientFor(owner);
const DELAY = 7_200;

describe("delayed admin changes prepared for the owner", { skip }, () => {
  let f: OracleFixture;
  let fromBlock: bigint;
  let database: TestDatabase;
  const pending = () => listOracleChanges({ publicClient, oracle: f.oracle, fromBlock });
  const plan = async (
    step:
      | { action: "schedule"; change: Parameters<typeof encodeOracleChange>[0] }
      | { action: "execute" | "cancel"; changeId: Hex },
  ) =>
    planOracleAdminCall({
      ...step,
      oracle: f.oracle,
      pending: await pending(),
    } as PlanOracleAdminCallParameters);
  /** What a multisig does with the plan: send `data` to `to` from the owner. */
  const send = async (call: PlanOracleAdminCallReturnType) => {
    const hash = await walletClient.sendTransaction({
      to: call.to,
      data: call.data,
      account: owner,
      chain: walletClient.chain,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
  };
  const refusal = async (step: Parameters<typeof plan>[0]) =>
    plan(step).then(
      () => assert.fail("the plan was not refused"),
      (error: unknown) => {
        assert.ok(error instanceof OracleError, String(error));
        assert.equal(error.code, "ORACLE_ADMIN_CHANGE");
        return (error as OracleError<"ORACLE_ADMIN_CHANGE">).meta!;
      },
    );
  const attesterCount = async () =>
    Number(
      await publicClient.readContract({
        address: f.oracle,
        abi: riskOracleAbi,
        functionName: "attesterCount",
      }),
    );

  before(async () => {
    fromBlock = await publicClient.getBlockNumber();
    f = await deployOracleFixture({
      fund: [owner],
      publicClient,
      walletClient,
      label: "admin",
      feedCount: 1,
      attesterCount: 3,
      threshold: 2,
      adminDelay: DELAY,
    });
    database = await createTestDatabase();
  });
  after(async () => database?.drop());

  it("schedules, refuses an early execution, cancels and executes after the delay", async () => {
    assert.equal((await pending()).length, 0);
    const add = await plan({
      action: "schedule",
      change: { kind: "addAttester", attester: newcomer },
    });
    assert.equal(add.to, f.oracle);
    await send(add);
    const scheduledAt = Number((await publicClient.getBlock()).timestamp);

    const afterAdd = await pending();
    assert.equal(afterAdd.length, 1);
    assert.equal(afterAdd[0].changeId, add.changeId);
    assert.deepEqual(afterAdd[0].change, { kind: "addAttester", attester: newcomer });
    assert.equal(afterAdd[0].readyAt, scheduledAt + DELAY);
    assert.equal(afterAdd[0].ready, false);

    // What the contract would revert, refused before anything is signed.
    const again = await refusal({
      action: "schedule",
      change: { kind: "addAttester", attester: newcomer },
    });
    assert.equal(again.changeId, add.changeId);
    const early = await refusal({ action: "execute", changeId: add.changeId });
    assert.deepEqual(early, {
      changeId: add.changeId,
      reason: "not_ready",
      readyAt: scheduledAt + DELAY,
    });

    const threshold = await plan({
      action: "schedule",
      change: { kind: "setThreshold", threshold: 3 },
    });
    await send(threshold);
    assert.equal((await pending()).length, 2);
    await send(await plan({ action: "cancel", changeId: threshold.changeId }));
    const afterCancel = await pending();
    assert.equal(afterCancel.length, 1);
    assert.equal(afterCancel[0].changeId, add.changeId);

    await increaseTime(publicClient, DELAY);
    assert.equal(await attesterCount(), 3);
    await send(await plan({ action: "execute", changeId: add.changeId }));
    assert.equal(await attesterCount(), 4);
    assert.equal((await pending()).length, 0);
    const done = await refusal({ action: "execute", changeId: add.changeId });
    assert.equal(done.reason, "not_scheduled");
  });

  it("refuses a change it cannot encode and scheduled data that is not a delayed change", () => {
    for (const change of [
      { kind: "addAttester", attester: "0x1234" as Address },
      { kind: "setThreshold", threshold: 0 },
      { kind: "setHeartbeat", heartbeatSeconds: 0 },
      { kind: "setHeartbeat", heartbeatSeconds: 2 ** 32 },
    ] as const)
      assert.throws(
        () => encodeOracleChange(change),
        (e: unknown) => e instanceof OracleError && e.code === "ORACLE_ADMIN_CHANGE",
      );
    const pause = encodeFunctionData({ abi: riskOracleAbi, functionName: "pause" });
    assert.throws(() => decodeOracleChange(pause), /pause is not a delayed change/);
    const raise = { kind: "setHeartbeat", heartbeatSeconds: 93_600 } as const;
    assert.deepEqual(decodeOracleChange(encodeOracleChange(raise)), raise);
  });

  it("cli admin prints the pending changes and the owner's transaction", async () => {
    const env = {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "error",
      LOG_PRETTY: "false",
      DATABASE_URL: database.url,
      EVM_RPC_URL: rpcUrl,
      ORACLE_ADDRESS: f.oracle,
    };
    const cli = async (...args: string[]) =>
      JSON.parse(
        (
          await run(process.execPath, ["--import", "tsx", "src/bin/cli.ts", "admin", ...args], {
            env,
          })
        ).stdout,
      );
    const scheduled = await cli("schedule", "threshold", "1");
    assert.equal(scheduled.action, "schedule");
    assert.equal(scheduled.to, f.oracle);
    assert.deepEqual(scheduled.change, { kind: "setThreshold", threshold: 1 });
    await send(scheduled);
    const listed = await cli("changes");
    assert.equal(listed.length, 1);
    assert.equal(listed[0].changeId, scheduled.changeId);
    assert.equal(listed[0].ready, false);
    const refused = await run(
      process.execPath,
      ["--import", "tsx", "src/bin/cli.ts", "admin", "execute", scheduled.changeId],
      {
        env,
      },
    ).then(
      () => assert.fail("an early execute was planned"),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stdout + refused.stderr, /ORACLE_ADMIN_CHANGE/);
    await increaseTime(publicClient, DELAY);
    const execute = await cli("execute", scheduled.changeId);
    assert.equal(execute.action, "execute");
    await send(execute);
    assert.equal(
      await publicClient.readContract({
        address: f.oracle,
        abi: riskOracleAbi,
        functionName: "threshold",
      }),
      1,
    );
  });
});
