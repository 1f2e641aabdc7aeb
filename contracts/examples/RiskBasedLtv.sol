// SPDX-License-Identifier: MIT
pragma solidity =0.8.30;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title RiskBasedLtv
/// @notice Example CDP component: maps the risk of the operator or pool behind a collateral to
///         the maximum loan-to-value the CDP allows, reading the risk through a Chainlink-style
///         feed (RiskFeedAdapter). It refuses missing, stale and out-of-range data instead of
///         guessing.
/// @dev The risk is the oracle's score: the expected loss over the next 30 days in basis points of
///      stake (0..100). An expected loss is already what a lender prices, so it maps straight onto
///      an LTV haircut: `ltv = maxLtvBps - haircutPerLossBp * loss` (each bp of expected 30-day
///      loss takes `haircutPerLossBp` bp off the LTV; the multiple is the CDP's margin for a loan
///      outliving the 30 days and for the estimate's error). At or above `lossCutoffBps` the
///      collateral may not back new debt (LTV 0): a loss beyond any the lender has priced, e.g. one
///      beyond a fully offline operator's (about 35 bp a month). The constructor refuses a cutoff
///      above 100 (no score exceeds it) and a haircut that would take the LTV below 0 before it.
///      The feed of each collateral is bound by the CDP's admin (`bindFeed`), never chosen by the
///      caller: a borrower cannot point the CDP at a feed of a safer operator. A production CDP
///      would put `bindFeed` behind its governance delay.
contract RiskBasedLtv {
    /// @notice Largest score the oracle publishes (bp of stake); a feed answering more is refused.
    uint256 public constant MAX_LOSS_BPS = 100;

    /// @notice May bind feeds to collaterals (the deployer).
    address public immutable admin;
    /// @notice The risk feed of each accepted collateral.
    mapping(address collateral => AggregatorV3Interface feed) public feedOf;

    /// @notice LTV at zero expected loss, in basis points.
    uint16 public immutable maxLtvBps;
    /// @notice LTV basis points taken off per basis point of expected 30-day loss.
    uint16 public immutable haircutPerLossBp;
    /// @notice Expected 30-day loss (bp of stake) from which the LTV is 0.
    uint16 public immutable lossCutoffBps;
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

    constructor(uint16 maxLtvBps_, uint16 haircutPerLossBp_, uint16 lossCutoffBps_, uint32 maxAge_) {
        admin = msg.sender;
        if (
            maxLtvBps_ > 10_000 || lossCutoffBps_ == 0 || lossCutoffBps_ > MAX_LOSS_BPS
                || uint256(haircutPerLossBp_) * (lossCutoffBps_ - 1) > maxLtvBps_ || maxAge_ == 0
        ) {
            revert InvalidParameters();
        }
        maxLtvBps = maxLtvBps_;
        haircutPerLossBp = haircutPerLossBp_;
        lossCutoffBps = lossCutoffBps_;
        maxAge = maxAge_;
    }

    /// @notice Binds (or rebinds) the risk feed of a collateral. Admin only.
    function bindFeed(address collateral, AggregatorV3Interface feed) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        if (collateral == address(0) || address(feed) == address(0)) revert InvalidParameters();
        feedOf[collateral] = feed;
        emit FeedBound(collateral, address(feed));
    }

    /// @notice A fresh, in-range expected 30-day loss (bp of stake) of a collateral's bound feed, or a revert.
    function riskOf(address collateral) public view returns (uint256 lossBps) {
        AggregatorV3Interface feed = feedOf[collateral];
        if (address(feed) == address(0)) revert UnknownCollateral(collateral);
        uint8 d = feed.decimals();
        if (d != 4) revert UnexpectedDecimals(d);
        (uint80 roundId, int256 answer,, uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        if (roundId == 0 || updatedAt == 0) revert NoRiskData();
        if (answeredInRound < roundId || updatedAt > block.timestamp || block.timestamp - updatedAt > maxAge) {
            revert StaleRisk(updatedAt, maxAge);
        }
        if (answer < 0 || answer > int256(MAX_LOSS_BPS)) revert RiskOutOfRange(answer);
        return uint256(answer);
    }

    /// @notice Maximum LTV (basis points) for a collateral: `maxLtvBps - haircutPerLossBp * loss`
    ///         below the cutoff, 0 at or above it.
    function maxLtv(address collateral) external view returns (uint256 ltvBps) {
        uint256 loss = riskOf(collateral);
        if (loss >= lossCutoffBps) return 0;
        return maxLtvBps - uint256(haircutPerLossBp) * loss;
    }
}
