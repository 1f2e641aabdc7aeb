// SPDX-License-Identifier: MIT
pragma solidity =0.8.30;

/// @title IHalo2Verifier
/// @notice The interface of the Halo2 verifier contract that the ezkl CLI generates from the
///         project's verifying key (`ezkl create-evm-verifier`, see docs/oracle.md).
interface IHalo2Verifier {
    /// @param proof The proof bytes (ezkl's `proof.json` `proof` field, hex-decoded).
    /// @param instances The public instances, each a BN254 scalar field element.
    /// @return True when the proof is valid for these instances. Generated verifiers may also revert.
    function verifyProof(bytes calldata proof, uint256[] calldata instances) external returns (bool);
}
