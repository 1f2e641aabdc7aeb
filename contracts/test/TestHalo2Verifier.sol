// SPDX-License-Identifier: MIT
pragma solidity =0.8.30;

import {IHalo2Verifier} from "../interfaces/IHalo2Verifier.sol";

/// @title TestHalo2Verifier
/// @notice TEST ONLY. Stands in for an ezkl-generated verifier; the test decides its answer and
///         it records what it was asked, so tests can check the oracle forwarded proof and instances.
contract TestHalo2Verifier is IHalo2Verifier {
    bool public answer = true;
    bool public shouldRevert;
    uint256 public calls;
    bytes32 public lastProofHash;
    bytes32 public lastInstancesHash;

    function setAnswer(bool answer_, bool shouldRevert_) external {
        answer = answer_;
        shouldRevert = shouldRevert_;
    }

    function verifyProof(bytes calldata proof, uint256[] calldata instances) external returns (bool) {
        if (shouldRevert) revert("TestHalo2Verifier: revert");
        ++calls;
        lastProofHash = keccak256(proof);
        lastInstancesHash = keccak256(abi.encodePacked(instances));
        return answer;
    }
}
