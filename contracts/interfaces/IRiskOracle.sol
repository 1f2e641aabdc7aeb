// SPDX-License-Identifier: MIT
pragma solidity =0.8.30;

/// @title IRiskOracle
/// @notice The read side of RiskOracle that consumers and adapters use.
interface IRiskOracle {
    /// @notice The latest score of a feed.
    /// @param feedId keccak256 of "operator:<id>" or "pool:<id>".
    /// @return score Expected loss over the 30 days after `epoch`, in basis points of stake (0..100):
    ///         missed rewards and penalties, plus the public prior's expected slashing loss (under
    ///         0.001 bp); or 0xffff when the latest report covering the feed had no data for it.
    /// @return epoch Beacon-chain epoch of the report that set the score (0 if never reported).
    /// @return updatedAt Start time of that epoch, genesis time + epoch x seconds per epoch: how old
    ///         the data is, whenever it was posted (0 if never reported or no data).
    function getScore(bytes32 feedId) external view returns (uint16 score, uint64 epoch, uint64 updatedAt);

    /// @notice Like getScore, plus the id of the report that set the score (0 if never reported).
    function getScoreWithReport(bytes32 feedId)
        external
        view
        returns (uint16 score, uint64 epoch, uint64 updatedAt, uint32 reportId);

    /// @notice Whether the scores of a report may be used now: the oracle is not paused, and neither
    ///         the report nor its model has been revoked. False for report id 0.
    function isServing(uint32 reportId) external view returns (bool);

    /// @notice Maximum age in seconds after which the operators consider a score stale.
    function heartbeat() external view returns (uint32);
}
