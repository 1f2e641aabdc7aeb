// SPDX-License-Identifier: MIT
pragma solidity =0.8.30;

/// @title NaiveOracle
/// @notice BENCHMARK REFERENCE ONLY. The straightforward design RiskOracle is measured against:
///         one transaction per score, one EIP-712 signature check per transaction, one storage
///         record per feed (score, epoch, timestamp) with the same per-feed epoch rule.
contract NaiveOracle {
    struct Score {
        uint16 score;
        uint64 epoch;
        uint64 updatedAt;
    }

    bytes32 public constant SCORE_TYPEHASH = keccak256("Score(bytes32 feedId,uint16 score,uint64 epoch)");
    bytes32 public immutable domainSeparator;
    address public immutable attester;
    mapping(bytes32 feedId => Score score) public scores;

    error BadSignature();
    error EpochNotIncreasing();
    error ScoreOutOfRange();

    event ScorePosted(bytes32 indexed feedId, uint16 score, uint64 epoch);

    constructor(address attester_) {
        attester = attester_;
        domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("NaiveOracle"),
                keccak256("1"),
                block.chainid,
                address(this)
            )
        );
    }

    function post(bytes32 feedId, uint16 score, uint64 epoch, uint8 v, bytes32 r, bytes32 s) external {
        if (score > 100) revert ScoreOutOfRange();
        if (epoch <= scores[feedId].epoch) revert EpochNotIncreasing();
        bytes32 digest = keccak256(
            abi.encodePacked("\x19\x01", domainSeparator, keccak256(abi.encode(SCORE_TYPEHASH, feedId, score, epoch)))
        );
        if (ecrecover(digest, v, r, s) != attester) revert BadSignature();
        scores[feedId] = Score(score, epoch, uint64(block.timestamp));
        emit ScorePosted(feedId, score, epoch);
    }
}
