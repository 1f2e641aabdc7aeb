// SPDX-License-Identifier: MIT
pragma solidity =0.8.30;

import {IHalo2Verifier} from "./interfaces/IHalo2Verifier.sol";

interface IHalo2VerifierReusable {
    function verifyProof(address vk, bytes calldata proof, uint256[] calldata instances) external returns (bool);
}

/// @title ReusableVerifierAdapter
/// @notice Presents ezkl's reusable Halo2 verifier, bound to one circuit's verifying-key artifact
///         (ezkl `create_evm_vka`), as the circuit's own `IHalo2Verifier`. Used for circuits whose
///         plain generated verifier exceeds the 24,576-byte code limit.
contract ReusableVerifierAdapter is IHalo2Verifier {
    IHalo2VerifierReusable public immutable reusableVerifier;
    address public immutable verifyingKey;

    constructor(IHalo2VerifierReusable reusableVerifier_, address verifyingKey_) {
        reusableVerifier = reusableVerifier_;
        verifyingKey = verifyingKey_;
    }

    /// @inheritdoc IHalo2Verifier
    function verifyProof(bytes calldata proof, uint256[] calldata instances) external returns (bool) {
        return reusableVerifier.verifyProof(verifyingKey, proof, instances);
    }
}
