// SPDX-License-Identifier: MIT
pragma solidity =0.8.30;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title RiskBasedLtv
/// @notice Example CDP component: maps the risk of the operator or pool behind a collateral to
///         the maximum loan-to-value the CDP allows, reading the risk through a Chainlink-style
///         feed (RiskFeedAdapter). It refuses missing, stale and out-of-range data instead of
///         guessing.
/// @dev LTV falls linearly from `maxLtvBps` at risk 0 to `minLtvBps` just below `riskCutoffBps`;
///      at or above the cutoff the collateral may not back new debt (LTV 0).
///      The feed of each collateral is bound by the CDP's admin (`bindFeed`), never chosen by the
///      caller: a borrower cannot point the CDP at a feed of a safer operator. A production CDP
///      would put `bindFeed` behind its governance delay.
contract RiskBasedLtv {
    /// @notice May bind feeds to collaterals (the deployer).
    address public immutable admin;
    /// @notice The risk feed of each accepted collateral.
    mapping(address collateral => AggregatorV3Interface feed) public feedOf;

    /// @notice LTV at zero risk, in basis points.
    uint16 public immutable maxLtvBps;
    /// @notice LTV just below the cutoff, in basis points.
    uint16 public immutable minLtvBps;
    /// @notice Risk (basis points) from which the LTV is 0.
    uint16 public immutable riskCutoffBps;
    /// @notice Maximum age of a risk score in seconds (the CDP's heartbeat).
    uint32 public immutable maxAge;

    error NoRiskData();
    error StaleRisk(uint256 updatedAt, uint256 maxAge);
    error RiskOutOfRange(int256 answer);
    error UnexpectedDecimals(uint8 decimals);
    error InvalidParameters();
    error NotAdmin(address caller);
    error UnknownCollateral(address collateral);

    event FeedBound(address indexed collateral, address indexed feed);

    constructor(uint16 maxLtvBps_, uint16 minLtvBps_, uint16 riskCutoffBps_, uint32 maxAge_) {
        admin = msg.sender;
        if (maxLtvBps_ > 10_000 || minLtvBps_ > maxLtvBps_ || riskCutoffBps_ == 0 || riskCutoffBps_ > 10_000 || maxAge_ == 0) {
            revert InvalidParameters();
        }
        maxLtvBps = maxLtvBps_;
        minLtvBps = minLtvBps_;
        riskCutoffBps = riskCutoffBps_;
        maxAge = maxAge_;
    }

    /// @notice Binds (or rebinds) the risk feed of a collateral. Admin only.
    function bindFeed(address collateral, AggregatorV3Interface feed) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        if (collateral == address(0) || address(feed) == address(0)) revert InvalidParameters();
        feedOf[collateral] = feed;
        emit FeedBound(collateral, address(feed));
    }

    /// @notice A fresh, in-range risk score (basis points) of a collateral's bound feed, or a revert.
    function riskOf(address collateral) public view returns (uint256 riskBps) {
        AggregatorV3Interface feed = feedOf[collateral];
        if (address(feed) == address(0)) revert UnknownCollateral(collateral);
        uint8 d = feed.decimals();
        if (d != 4) revert UnexpectedDecimals(d);
        (uint80 roundId, int256 answer,, uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        if (roundId == 0 || updatedAt == 0) revert NoRiskData();
        if (answeredInRound < roundId || updatedAt > block.timestamp || block.timestamp - updatedAt > maxAge) {
            revert StaleRisk(updatedAt, maxAge);
        }
        if (answer < 0 || answer > 10_000) revert RiskOutOfRange(answer);
        return uint256(answer);
    }

    /// @notice Maximum LTV (basis points) for a collateral, from the risk its bound feed reports.
    function maxLtv(address collateral) external view returns (uint256 ltvBps) {
        uint256 risk = riskOf(collateral);
        if (risk >= riskCutoffBps) return 0;
        return maxLtvBps - (uint256(maxLtvBps - minLtvBps) * risk) / riskCutoffBps;
    }
}
