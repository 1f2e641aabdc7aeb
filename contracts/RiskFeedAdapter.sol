// SPDX-License-Identifier: MIT
pragma solidity =0.8.30;

import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {IRiskOracle} from "./interfaces/IRiskOracle.sol";

/// @title RiskFeedAdapter
/// @notice Presents one RiskOracle feed as a Chainlink `AggregatorV3Interface`, so existing CDP
///         code can read a risk score the way it reads a price.
/// @dev `answer` is the score, the expected loss over the 30 days after its epoch in basis points
///      of stake (0..100), with `decimals() == 4`: `answer / 10^4` is that loss as a fraction of
///      stake (answer 100 = 1 % of stake).
///      `roundId` is the id of the oracle report that set the score; it increases with every
///      update of the feed. Only the latest round is kept: `getRoundData` answers for it and
///      reverts `RoundNotAvailable` for older or unknown rounds (history is in the oracle's
///      `ReportPosted` events). Before the first report, `latestRoundData` returns all zeros
///      (`updatedAt == 0`), which Chainlink consumers treat as "no data". `updatedAt` is the start
///      time of the score's beacon-chain epoch (how old the data is), not the time it was posted.
///      A feed the latest report could not score reads like a paused one below, with the answer
///      0xffff (above any valid score). While the oracle is
///      paused, or the report or its model is revoked (`IRiskOracle.isServing`), it returns the
///      score with `updatedAt == 0` and `answeredInRound == 0`: no fresh answer.
contract RiskFeedAdapter is AggregatorV3Interface {
    /// @notice The oracle read.
    IRiskOracle public immutable oracle;
    /// @notice The feed id (keccak256 of "operator:<id>" or "pool:<id>").
    bytes32 public immutable feedId;
    string private _description;

    error RoundNotAvailable(uint80 roundId);

    constructor(IRiskOracle oracle_, bytes32 feedId_, string memory description_) {
        oracle = oracle_;
        feedId = feedId_;
        _description = description_;
        // Fails early (UnknownFeed) if the feed is not registered.
        oracle_.getScore(feedId_);
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external pure returns (uint8) {
        return 4;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external view returns (string memory) {
        return _description;
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 1;
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData()
        public
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        (uint16 score,, uint64 epochTime, uint32 reportId) = oracle.getScoreWithReport(feedId);
        // Paused oracle, revoked report or model, or no data for the feed at the report's epoch
        // (epochTime 0, score NO_DATA_SCORE, out of range): no fresh answer. updatedAt = 0 is what
        // Chainlink consumers read as an incomplete round, answeredInRound < roundId as stale.
        if (reportId != 0 && (epochTime == 0 || !oracle.isServing(reportId))) return (reportId, int256(uint256(score)), epochTime, 0, 0);
        return (reportId, int256(uint256(score)), epochTime, epochTime, reportId);
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80 roundId_)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        (roundId, answer, startedAt, updatedAt, answeredInRound) = latestRoundData();
        if (roundId == 0 || roundId_ != roundId) revert RoundNotAvailable(roundId_);
    }

    /// @notice Beacon-chain epoch of the latest score (0 before the first report).
    function latestEpoch() external view returns (uint64 epoch) {
        (, epoch,) = oracle.getScore(feedId);
    }
}
