// SPDX-License-Identifier: MIT
pragma solidity =0.8.30;

import {IHalo2Verifier} from "./interfaces/IHalo2Verifier.sol";
import {IRiskOracle} from "./interfaces/IRiskOracle.sol";

/// @title RiskOracle
/// @notice Publishes proven, attested risk scores of Ethereum node operators and staking pools.
///
/// Feeds. A feed is one operator or pool, identified by `keccak256("operator:<id>")` or
/// `keccak256("pool:<id>")`. The feed registrar (a role the owner assigns) registers feeds once; each gets a permanent index
/// (append-only: an index is never reused or moved), so a report that names feed indices on this
/// contract names the feed ids too.
///
/// Storage. A score is the feed's expected loss over the 30 days after the score's epoch, in basis
/// points of its stake (0..100): missed rewards and penalties, plus the expected slashing loss of
/// the public prior (under 0.001 bp), so a lender can take it straight as an LTV haircut. Or it is
/// `NO_DATA_SCORE` (0xffff) for a feed the report covers but could not score at its epoch: readers get no answer for it (`updatedAt == 0`), never its older score as if fresh. Fourteen scores share one storage word: lane `i` (bits `16*i .. 16*i+15`) holds the
/// score of feed index `14*word + i`, and the top 32 bits hold the id of the report that wrote
/// the word. Report-level data (epoch, time, model hash, commitments) is stored once per report.
///
/// Reports. A report covers the feeds `[14*firstWord, 14*firstWord + feedCount)`: whole words,
/// except that the last word may end at the end of the registry. Its epoch must be greater than
/// the epoch of the report that last wrote each of those words (so per feed the epoch strictly
/// increases). It carries at least `threshold` EIP-712 signatures of distinct attesters over the
/// whole report (domain: name "RiskOracle", version "1", chain id, this contract's address).
///
/// Freshness. A score is as old as its data: `updatedAt` is the start time of the report's epoch,
/// `genesisTime + epoch * secondsPerEpoch` (both immutable, set at deployment), never the time of
/// the post. A report carries `validUntil` (unix seconds, signed by the attesters) and is refused
/// after it; a report of an epoch that has not started yet is refused too. Signatures are public,
/// so without these a report signed long ago could be posted by anyone and read as news.
///
/// Roles. Posting is permissionless: the attesters' signatures and the proof are what gate a
/// report. The owner administers; the feed registrar registers feeds. Changes that decide what is
/// accepted (attesters, threshold, accepted models and their verifiers) or how long a score reads
/// as fresh (a heartbeat raise) are scheduled by the owner and executable only `adminDelay` seconds
/// later (`scheduleChange`/`executeChange`, events and the `changeReadyAt` view), so readers can
/// see them coming. Pausing, revoking and lowering the heartbeat, which only refuse more, take
/// effect at once.
///
/// Models. The owner accepts a model hash together with its pinned circuit: the Halo2 verifier
/// generated from the circuit's verifying key, the sha256 of that vk and of the circuit's settings
/// (what attesters and `cli verify` check artifacts against), the proof's output scale and
/// logrows. The output scale is taken only from this pin, never from a report. A model without a
/// verifier is accepted, and its reports taken on signatures alone, only when the contract was
/// deployed in development mode (`developmentMode`, immutable).
///
/// Proofs. When the model has a verifier, a report must carry an EZKL proof and its public instances in
/// the layout ezkl (v21) gives our circuits (Hashed inputs, Hashed parameters, Public outputs; ezkl
/// lays out the input hash before the parameter hash):
/// `instances = [inputCommitment, modelHash, out_0, ..., out_{B-1}]`, where B is the circuit's
/// batch size. The report's feeds are the first `feedCount` rows: `out_j` (j < feedCount) is the
/// fixed-point expected 30-day loss of feed `14*firstWord + j` at scale `2^outScale`, in units of
/// `MAX_SCORE_BPS` (100) bp of stake: an output of 1.0 is 100 bp. Each posted score must equal
/// `bps(out_j) = floor((out_j * 100 + 2^(outScale-1)) / 2^outScale)` (that is, `round(x * 100)`
/// for the output x, halves rounded up); `out_j` must not exceed `2^outScale` (x <= 1, 100 bp).
/// A batch with fewer real operators than B is padded with zero feature rows; their outputs
/// `out_j` for `j >= feedCount` are not scores, are ignored here, and are still passed to the
/// verifier with the rest (they are covered by the proof and the input commitment). So
/// `instances.length >= 2 + feedCount`; the verifier fixes the exact length (2 + B).
contract RiskOracle is IRiskOracle {
    // ----------------------------------------------------------------------------------------
    // Types and constants
    // ----------------------------------------------------------------------------------------

    /// @notice A report as signed by the attesters and submitted by the poster.
    /// @param epoch Beacon-chain epoch the scores were computed at.
    /// @param validUntil Unix time (seconds) after which the report may no longer be posted.
    /// @param firstWord First storage word covered; the first feed index is `14 * firstWord`.
    /// @param feedCount Number of feeds covered (consecutive indices).
    /// @param modelHash Poseidon hash of the model parameters (a BN254 field element, instance 1), registered by the owner.
    /// @param inputCommitment Poseidon commitment to the inputs of the proof: all B feature rows of the
    ///        batch, zero padding rows included (instance 0).
    /// @param proofHash keccak256 of the proof bytes (zero when no proof is carried).
    /// @param scoreWords The scores, 14 uint16 lanes per word, top 32 bits zero.
    struct Report {
        uint64 epoch;
        uint64 validUntil;
        uint32 firstWord;
        uint32 feedCount;
        bytes32 modelHash;
        uint256 inputCommitment;
        bytes32 proofHash;
        uint256[] scoreWords;
    }

    /// @notice What the contract keeps of each accepted report.
    struct ReportHeader {
        uint64 epoch;
        uint64 postedAt;
        uint32 firstWord;
        uint32 feedCount;
        bytes32 modelHash;
        uint256 inputCommitment;
        bytes32 proofHash;
    }

    /// @notice The circuit pinned for an accepted model.
    /// @param verifier Halo2 verifier of the circuit (zero only in development mode).
    /// @param outScale Fixed-point scale (bits) of the proof's outputs (ezkl `model_output_scales[0]`).
    /// @param logrows The circuit's logrows (the SRS size it is verified with).
    /// @param accepted Whether reports of this model are accepted.
    /// @param vkHash sha256 of the circuit's verifying key file (vk.key).
    /// @param settingsHash sha256 of the circuit's settings.json.
    struct ModelPin {
        IHalo2Verifier verifier;
        uint8 outScale;
        uint8 logrows;
        bool accepted;
        bytes32 vkHash;
        bytes32 settingsHash;
    }

    struct Feed {
        uint32 index;
        /// Reports with an id up to this one were posted before the feed existed.
        uint32 registeredAfterReport;
        bool exists;
    }

    /// @notice Scores per storage word.
    uint256 public constant SCORES_PER_WORD = 14;
    /// @notice Largest valid score, in bp of stake: what a proven output of exactly 1.0 stands for.
    uint256 public constant MAX_SCORE_BPS = 100;
    /// @notice Lane value of a covered feed that has no score at the report's epoch.
    uint256 public constant NO_DATA_SCORE = 0xffff;
    /// @notice Position of the input commitment (Poseidon hash of the B feature rows) in the instances.
    uint256 public constant INPUT_COMMITMENT_INSTANCE = 0;
    /// @notice Position of the model hash (Poseidon hash of the parameters) in the instances.
    uint256 public constant MODEL_HASH_INSTANCE = 1;
    /// @notice Number of public instances before the outputs (input commitment, model hash).
    uint256 public constant OUTPUT_INSTANCE_OFFSET = 2;

    bytes32 public constant REPORT_TYPEHASH = keccak256(
        "Report(uint64 epoch,uint64 validUntil,uint32 firstWord,uint32 feedCount,bytes32 modelHash,uint256 inputCommitment,bytes32 proofHash,uint256[] scoreWords)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("RiskOracle");
    bytes32 private constant VERSION_HASH = keccak256("1");
    uint256 private constant SECP256K1_HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    uint256 private constant REPORT_ID_SHIFT = 224;
    uint256 private constant LANE_MASK = 0xffff;

    /// @notice Whether models may be accepted without a verifier (reports on signatures alone).
    bool public immutable developmentMode;
    /// @notice Unix time of the beacon chain's genesis.
    uint64 public immutable genesisTime;
    /// @notice Seconds per beacon-chain epoch (slots per epoch x seconds per slot).
    uint64 public immutable secondsPerEpoch;
    /// @notice Seconds between scheduling a change of attesters, threshold or models and executing it.
    uint32 public immutable adminDelay;

    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    // ----------------------------------------------------------------------------------------
    // Storage
    // ----------------------------------------------------------------------------------------

    /// @notice Current owner (admin).
    address public owner;
    /// @notice Address that may accept ownership (2-step transfer).
    address public pendingOwner;
    /// @notice Address that may register feeds.
    address public feedRegistrar;
    /// @notice Maximum age (seconds) of a score before consumers should treat it as stale.
    uint32 public heartbeat;

    // One slot, read once per report.
    /// @notice Number of reports accepted so far (also the id of the latest one).
    uint32 public reportCount;
    /// @notice Number of registered feeds.
    uint32 public feedCount;
    /// @notice Signatures of distinct attesters needed to accept a report.
    uint8 public threshold;
    /// @notice Number of attesters.
    uint8 public attesterCount;
    /// @notice Whether reports are refused.
    bool public paused;

    mapping(uint256 wordIndex => uint256 word) private _words;
    mapping(uint32 reportId => ReportHeader header) private _reports;
    mapping(bytes32 digest => uint32 reportId) public reportIdOf;
    mapping(bytes32 feedId => Feed feed) private _feeds;
    mapping(uint256 index => bytes32 feedId) public feedAt;
    mapping(bytes32 modelHash => ModelPin pin) private _models;
    /// @notice Reports the owner revoked: their scores stay readable but are not served as answers.
    mapping(uint32 reportId => bool revoked) public isReportRevoked;
    /// @notice 1-based position of an attester in the attester list (0: not an attester).
    mapping(address attester => uint8 slot) private _attesterSlot;
    address[] private _attesters;
    /// @notice Unix time from which a scheduled change may be executed, by change id
    ///         (`keccak256` of its call data); 0: not scheduled.
    mapping(bytes32 changeId => uint256 readyAt) public changeReadyAt;

    // ----------------------------------------------------------------------------------------
    // Events
    // ----------------------------------------------------------------------------------------

    /// @notice A report was accepted. `scoreWords` carries every score it set.
    event ReportPosted(
        uint32 indexed reportId,
        bytes32 indexed digest,
        uint64 indexed epoch,
        uint32 firstWord,
        uint32 feedCount,
        bytes32 modelHash,
        uint256 inputCommitment,
        bytes32 proofHash,
        uint256[] scoreWords
    );
    event FeedRegistered(bytes32 indexed feedId, uint32 indexed index);
    event AttesterAdded(address indexed attester);
    event AttesterRemoved(address indexed attester);
    event ThresholdSet(uint8 threshold);
    event ModelAccepted(
        bytes32 indexed modelHash,
        address indexed verifier,
        bytes32 vkHash,
        bytes32 settingsHash,
        uint8 outScale,
        uint8 logrows
    );
    event ModelRevoked(bytes32 indexed modelHash);
    event ReportRevoked(uint32 indexed reportId);
    event HeartbeatSet(uint32 heartbeat);
    event Paused(address indexed account);
    event Unpaused(address indexed account);
    event FeedRegistrarSet(address indexed feedRegistrar);
    /// @notice A change was scheduled: `data` is the call (addAttester, removeAttester, setThreshold
    ///         or acceptModel) that `executeChange` may make from `readyAt` on.
    event ChangeScheduled(bytes32 indexed changeId, bytes data, uint256 readyAt);
    event ChangeExecuted(bytes32 indexed changeId);
    event ChangeCancelled(bytes32 indexed changeId);
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    // ----------------------------------------------------------------------------------------
    // Errors
    // ----------------------------------------------------------------------------------------

    error NotOwner(address caller);
    error NotFeedRegistrar(address caller);
    error NotSelf(address caller);
    error ChangeNotAllowed(bytes4 selector);
    /// @dev A heartbeat raise must be scheduled (`scheduleChange`); lowering it is immediate.
    error HeartbeatRaiseNeedsDelay(uint32 current, uint32 requested);
    error ChangeAlreadyScheduled(bytes32 changeId);
    error ChangeNotScheduled(bytes32 changeId);
    error ChangeNotReady(bytes32 changeId, uint256 readyAt);
    error ReportExpired(uint64 validUntil, uint256 time);
    error EpochInFuture(uint64 epoch, uint256 epochStart);
    error InvalidEpochClock();
    error NotPendingOwner(address caller);
    error ZeroAddress();
    error EnforcedPause();
    error ExpectedPause();
    error InsufficientSignatures(uint256 provided, uint256 required);
    error InvalidSignature(uint256 index);
    error UnknownSigner(address signer);
    error DuplicateSigner(address signer);
    error UnknownModel(bytes32 modelHash);
    error InvalidFeedRange(uint32 firstWord, uint32 feedCount, uint256 words);
    error MalformedScoreWord(uint256 word);
    error ScoreOutOfRange(uint256 feedIndex, uint256 score);
    error EpochNotIncreasing(uint256 word, uint64 epoch, uint64 latestEpoch);
    error ReportAlreadyPosted(bytes32 digest, uint32 reportId);
    error ProofMissing();
    error ProofHashMismatch(bytes32 expected, bytes32 actual);
    error TooFewInstances(uint256 required, uint256 actual);
    error InstanceMismatch(uint256 index);
    error ProofRejected();
    error UnknownFeed(bytes32 feedId);
    error FeedAlreadyRegistered(bytes32 feedId);
    error AttesterAlreadyAdded(address attester);
    error NotAnAttester(address attester);
    error TooManyAttesters();
    error InvalidThreshold(uint256 threshold, uint256 attesterCount);
    error InvalidOutScale(uint8 outScale);
    error VerifierRequired(bytes32 modelHash);
    error ReportNotFound(uint32 reportId);

    // ----------------------------------------------------------------------------------------
    // Construction and modifiers
    // ----------------------------------------------------------------------------------------

    /// @notice Deployment parameters.
    /// @param owner Admin of the oracle.
    /// @param feedRegistrar May register feeds.
    /// @param attesters Initial attester set (distinct, non-zero).
    /// @param threshold Signatures needed, 1..attesters.length.
    /// @param heartbeat Staleness bound exposed to readers, in seconds.
    /// @param developmentMode Allow models without a verifier (local development and tests only).
    /// @param genesisTime Unix time of the beacon chain's genesis (`/eth/v1/beacon/genesis`).
    /// @param secondsPerEpoch Seconds per epoch of that chain (384 on mainnet).
    /// @param adminDelay Seconds between scheduling and executing a change of attesters, threshold or models.
    /// @param modelHash A first accepted model (zero: none), with `model` its pinned circuit, so that
    ///        a deployment can serve at once although later changes wait `adminDelay`.
    struct Config {
        address owner;
        address feedRegistrar;
        address[] attesters;
        uint8 threshold;
        uint32 heartbeat;
        bool developmentMode;
        uint64 genesisTime;
        uint64 secondsPerEpoch;
        uint32 adminDelay;
        bytes32 modelHash;
        ModelPin model;
    }

    constructor(Config memory config) {
        if (config.owner == address(0) || config.feedRegistrar == address(0)) revert ZeroAddress();
        if (config.secondsPerEpoch == 0) revert InvalidEpochClock();
        developmentMode = config.developmentMode;
        genesisTime = config.genesisTime;
        secondsPerEpoch = config.secondsPerEpoch;
        adminDelay = config.adminDelay;
        owner = config.owner;
        emit OwnershipTransferred(address(0), config.owner);
        feedRegistrar = config.feedRegistrar;
        emit FeedRegistrarSet(config.feedRegistrar);
        for (uint256 i = 0; i < config.attesters.length; ++i) {
            _addAttester(config.attesters[i]);
        }
        _setThreshold(config.threshold);
        if (config.modelHash != bytes32(0)) {
            ModelPin memory m = config.model;
            _acceptModel(config.modelHash, address(m.verifier), m.vkHash, m.settingsHash, m.outScale, m.logrows);
        }
        heartbeat = config.heartbeat;
        emit HeartbeatSet(config.heartbeat);
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /// @dev Delayed changes: reachable only through `executeChange`.
    modifier onlySelf() {
        if (msg.sender != address(this)) revert NotSelf(msg.sender);
        _;
    }

    // ----------------------------------------------------------------------------------------
    // Posting
    // ----------------------------------------------------------------------------------------

    /// @notice Accepts a report signed by at least `threshold` distinct attesters.
    /// @param report The report (see `Report`).
    /// @param signatures 65-byte (r, s, v) secp256k1 signatures of the report's EIP-712 digest.
    /// @param proof EZKL proof bytes; required when the model has a verifier, ignored otherwise.
    /// @param instances Public instances of the proof, `[inputCommitment, modelHash, out_0, ..., out_{B-1}]`
    ///        (B >= feedCount; see the contract's NatSpec); required when the model has a verifier, ignored otherwise.
    /// @return reportId Id of the new report.
    function postReport(
        Report calldata report,
        bytes[] calldata signatures,
        bytes calldata proof,
        uint256[] calldata instances
    ) external returns (uint32 reportId) {
        if (paused) revert EnforcedPause();
        if (block.timestamp > report.validUntil) revert ReportExpired(report.validUntil, block.timestamp);
        {
            uint256 epochStart = epochTime(report.epoch);
            if (block.timestamp < epochStart) revert EpochInFuture(report.epoch, epochStart);
        }
        ModelPin storage pin = _models[report.modelHash];
        if (!pin.accepted) revert UnknownModel(report.modelHash);
        IHalo2Verifier v = pin.verifier;
        bool proving = address(v) != address(0);
        // acceptModel already refuses this outside development mode; checked again so no path posts unproven.
        if (!proving && !developmentMode) revert VerifierRequired(report.modelHash);
        _checkRange(report);

        bytes32 digest = hashReport(report);
        {
            uint32 existing = reportIdOf[digest];
            if (existing != 0) revert ReportAlreadyPosted(digest, existing);
        }
        _checkSignatures(digest, signatures);

        if (proving) _checkInstances(report, proof, instances, pin.outScale);

        reportId = reportCount + 1;
        reportCount = reportId;
        _writeWords(report, reportId);

        if (proving) {
            // The expensive call last, after every cheap check has passed.
            try v.verifyProof(proof, instances) returns (bool ok) {
                if (!ok) revert ProofRejected();
            } catch {
                revert ProofRejected();
            }
        }
        _record(report, digest, reportId);
    }

    function _checkRange(Report calldata report) private view {
        uint256 wordCount = report.scoreWords.length;
        uint256 n = report.feedCount;
        uint256 end = uint256(report.firstWord) * SCORES_PER_WORD + n;
        uint256 registered = feedCount;
        // Whole words only, except that the last word may stop at the end of the registry.
        if (
            n == 0 || wordCount != (n + SCORES_PER_WORD - 1) / SCORES_PER_WORD || end > registered
                || (end % SCORES_PER_WORD != 0 && end != registered)
        ) revert InvalidFeedRange(report.firstWord, report.feedCount, wordCount);
    }

    /// @dev Binds the proof to the report: proof hash, input commitment, model hash, and the first
    ///      `feedCount` outputs to the posted scores; outputs of padding rows beyond them are not
    ///      checked here (see the contract's NatSpec for the rule).
    function _checkInstances(Report calldata report, bytes calldata proof, uint256[] calldata instances, uint256 scale)
        private
        pure
    {
        if (proof.length == 0) revert ProofMissing();
        bytes32 actual = keccak256(proof);
        if (actual != report.proofHash) revert ProofHashMismatch(report.proofHash, actual);
        uint256 n = report.feedCount;
        if (instances.length < OUTPUT_INSTANCE_OFFSET + n) {
            revert TooFewInstances(OUTPUT_INSTANCE_OFFSET + n, instances.length);
        }
        if (instances[INPUT_COMMITMENT_INSTANCE] != report.inputCommitment) {
            revert InstanceMismatch(INPUT_COMMITMENT_INSTANCE);
        }
        if (instances[MODEL_HASH_INSTANCE] != uint256(report.modelHash)) revert InstanceMismatch(MODEL_HASH_INSTANCE);
        uint256 one = uint256(1) << scale;
        for (uint256 j = 0; j < n; ++j) {
            uint256 score = (report.scoreWords[j / SCORES_PER_WORD] >> (16 * (j % SCORES_PER_WORD))) & LANE_MASK;
            // A feed without data has a zero padding row in the batch: its output is not a score.
            if (score == NO_DATA_SCORE) continue;
            uint256 felt = instances[OUTPUT_INSTANCE_OFFSET + j];
            if (felt > one || score != _bpsFromFelt(felt, scale)) revert InstanceMismatch(OUTPUT_INSTANCE_OFFSET + j);
        }
    }

    /// @dev Checks every score (range, zero padding) and the per-word epoch rule, then writes the
    ///      words tagged with the report id.
    function _writeWords(Report calldata report, uint32 reportId) private {
        uint256 n = report.feedCount;
        uint256 firstWord = report.firstWord;
        uint256 tag = uint256(reportId) << REPORT_ID_SHIFT;
        uint64 epoch = report.epoch;
        uint32 cachedId;
        uint64 cachedEpoch;
        uint256 wordCount = report.scoreWords.length;
        for (uint256 w = 0; w < wordCount; ++w) {
            uint256 word = report.scoreWords[w];
            uint256 lanes = n - w * SCORES_PER_WORD;
            if (lanes > SCORES_PER_WORD) lanes = SCORES_PER_WORD;
            // Top 32 bits and lanes beyond the covered feeds must be zero.
            if (word >> (16 * lanes) != 0) revert MalformedScoreWord(w);
            for (uint256 lane = 0; lane < lanes; ++lane) {
                uint256 score = (word >> (16 * lane)) & LANE_MASK;
                if (score > MAX_SCORE_BPS && score != NO_DATA_SCORE) {
                    revert ScoreOutOfRange((firstWord + w) * SCORES_PER_WORD + lane, score);
                }
            }
            uint256 slot = firstWord + w;
            uint32 previousId = uint32(_words[slot] >> REPORT_ID_SHIFT);
            if (previousId != 0) {
                if (previousId != cachedId) {
                    cachedId = previousId;
                    cachedEpoch = _reports[previousId].epoch;
                }
                if (epoch <= cachedEpoch) revert EpochNotIncreasing(slot, epoch, cachedEpoch);
            }
            _words[slot] = word | tag;
        }
    }

    function _record(Report calldata report, bytes32 digest, uint32 reportId) private {
        _reports[reportId] = ReportHeader({
            epoch: report.epoch,
            postedAt: uint64(block.timestamp),
            firstWord: report.firstWord,
            feedCount: report.feedCount,
            modelHash: report.modelHash,
            inputCommitment: report.inputCommitment,
            proofHash: report.proofHash
        });
        reportIdOf[digest] = reportId;
        emit ReportPosted(
            reportId,
            digest,
            report.epoch,
            report.firstWord,
            report.feedCount,
            report.modelHash,
            report.inputCommitment,
            report.proofHash,
            report.scoreWords
        );
    }

    function _checkSignatures(bytes32 digest, bytes[] calldata signatures) private view {
        uint256 required = threshold;
        if (signatures.length < required) revert InsufficientSignatures(signatures.length, required);
        uint256 seen;
        for (uint256 i = 0; i < signatures.length; ++i) {
            bytes calldata sig = signatures[i];
            if (sig.length != 65) revert InvalidSignature(i);
            bytes32 r;
            bytes32 s;
            uint8 v;
            assembly ("memory-safe") {
                r := calldataload(sig.offset)
                s := calldataload(add(sig.offset, 32))
                v := byte(0, calldataload(add(sig.offset, 64)))
            }
            if (uint256(s) > SECP256K1_HALF_N || (v != 27 && v != 28)) revert InvalidSignature(i);
            address signer = ecrecover(digest, v, r, s);
            if (signer == address(0)) revert InvalidSignature(i);
            uint256 slot = _attesterSlot[signer];
            if (slot == 0) revert UnknownSigner(signer);
            uint256 bit = uint256(1) << slot;
            if (seen & bit != 0) revert DuplicateSigner(signer);
            seen |= bit;
        }
    }

    /// @notice The score (expected 30-day loss, bp of stake) that a proven output felt stands for:
    ///         `floor((felt * MAX_SCORE_BPS + 2^(scale-1)) / 2^scale)`.
    function bpsFromFelt(uint256 felt, uint8 scale) external pure returns (uint256) {
        return _bpsFromFelt(felt, scale);
    }

    function _bpsFromFelt(uint256 felt, uint256 scale) private pure returns (uint256) {
        if (scale == 0) return felt * MAX_SCORE_BPS;
        return (felt * MAX_SCORE_BPS + (uint256(1) << (scale - 1))) >> scale;
    }

    // ----------------------------------------------------------------------------------------
    // EIP-712
    // ----------------------------------------------------------------------------------------

    /// @notice The EIP-712 digest that attesters sign for a report.
    function hashReport(Report calldata report) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                REPORT_TYPEHASH,
                report.epoch,
                report.validUntil,
                report.firstWord,
                report.feedCount,
                report.modelHash,
                report.inputCommitment,
                report.proofHash,
                keccak256(abi.encodePacked(report.scoreWords))
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    /// @notice The EIP-712 domain separator (recomputed if the chain id changes, e.g. after a fork).
    function domainSeparator() public view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    // ----------------------------------------------------------------------------------------
    // Reads
    // ----------------------------------------------------------------------------------------

    /// @inheritdoc IRiskOracle
    function getScore(bytes32 feedId) external view returns (uint16 score, uint64 epoch, uint64 updatedAt) {
        (score, epoch, updatedAt,) = getScoreWithReport(feedId);
    }

    /// @inheritdoc IRiskOracle
    function getScoreWithReport(bytes32 feedId)
        public
        view
        returns (uint16 score, uint64 epoch, uint64 updatedAt, uint32 reportId)
    {
        Feed memory f = _feeds[feedId];
        if (!f.exists) revert UnknownFeed(feedId);
        uint256 word = _words[f.index / SCORES_PER_WORD];
        uint32 id = uint32(word >> REPORT_ID_SHIFT);
        if (id == 0 || id <= f.registeredAfterReport) return (0, 0, 0, 0);
        epoch = _reports[id].epoch;
        score = uint16((word >> (16 * (f.index % SCORES_PER_WORD))) & LANE_MASK);
        // No data at this epoch: no time, so that nobody reads the lane as a fresh answer.
        updatedAt = score == NO_DATA_SCORE ? 0 : uint64(epochTime(epoch));
        return (score, epoch, updatedAt, id);
    }

    /// @notice Start time of a beacon-chain epoch: what `updatedAt` reports for its scores.
    function epochTime(uint64 epoch) public view returns (uint256) {
        return uint256(genesisTime) + uint256(epoch) * secondsPerEpoch;
    }

    /// @notice Whether a feed has a score whose epoch is at most `heartbeat` seconds old, from a report that is served.
    function isFresh(bytes32 feedId) external view returns (bool) {
        (,, uint64 updatedAt, uint32 reportId) = getScoreWithReport(feedId);
        return updatedAt != 0 && updatedAt <= block.timestamp && block.timestamp - updatedAt <= heartbeat && isServing(reportId);
    }

    /// @inheritdoc IRiskOracle
    function isServing(uint32 reportId) public view returns (bool) {
        if (paused || reportId == 0 || isReportRevoked[reportId]) return false;
        return _models[_reports[reportId].modelHash].accepted;
    }

    /// @notice A stored report.
    function getReport(uint32 reportId) external view returns (ReportHeader memory) {
        if (reportId == 0 || reportId > reportCount) revert ReportNotFound(reportId);
        return _reports[reportId];
    }

    /// @notice Index of a registered feed.
    function feedIndex(bytes32 feedId) external view returns (uint32) {
        Feed memory f = _feeds[feedId];
        if (!f.exists) revert UnknownFeed(feedId);
        return f.index;
    }

    /// @notice Whether a feed id is registered.
    function isFeedRegistered(bytes32 feedId) external view returns (bool) {
        return _feeds[feedId].exists;
    }

    /// @notice A raw score word (14 lanes plus the id of the report that wrote it).
    function scoreWord(uint256 wordIndex) external view returns (uint256) {
        return _words[wordIndex];
    }

    /// @notice The attester set.
    function attesters() external view returns (address[] memory) {
        return _attesters;
    }

    /// @notice Whether reports of a model hash are accepted.
    function isModelAccepted(bytes32 modelHash) external view returns (bool) {
        return _models[modelHash].accepted;
    }

    /// @notice The circuit pinned for a model (all zero if never accepted; kept, with
    ///         `accepted` false, after a revocation).
    function modelPin(bytes32 modelHash) external view returns (ModelPin memory) {
        return _models[modelHash];
    }

    /// @notice Whether an address is an attester.
    function isAttester(address account) external view returns (bool) {
        return _attesterSlot[account] != 0;
    }

    // ----------------------------------------------------------------------------------------
    // Administration (owner)
    // ----------------------------------------------------------------------------------------

    /// @notice Registers feeds; each gets the next index. Indices are permanent. Feed registrar only.
    function registerFeeds(bytes32[] calldata feedIds) external {
        if (msg.sender != feedRegistrar) revert NotFeedRegistrar(msg.sender);
        uint32 count = feedCount;
        uint32 after_ = reportCount;
        for (uint256 i = 0; i < feedIds.length; ++i) {
            bytes32 id = feedIds[i];
            if (_feeds[id].exists) revert FeedAlreadyRegistered(id);
            _feeds[id] = Feed({index: count, registeredAfterReport: after_, exists: true});
            feedAt[count] = id;
            emit FeedRegistered(id, count);
            ++count;
        }
        feedCount = count;
    }

    /// @notice Sets the feed registrar. Registration only appends feeds, so this takes effect at once.
    function setFeedRegistrar(address feedRegistrar_) external onlyOwner {
        if (feedRegistrar_ == address(0)) revert ZeroAddress();
        feedRegistrar = feedRegistrar_;
        emit FeedRegistrarSet(feedRegistrar_);
    }

    /// @notice Schedules a change: `data` is a call of addAttester, removeAttester, setThreshold,
    ///         acceptModel or setHeartbeat (a raise), executable from `block.timestamp + adminDelay`.
    function scheduleChange(bytes calldata data) external onlyOwner returns (bytes32 changeId) {
        if (data.length < 4) revert ChangeNotAllowed(bytes4(0));
        bytes4 selector = bytes4(data[:4]);
        if (
            selector != this.addAttester.selector && selector != this.removeAttester.selector
                && selector != this.setThreshold.selector && selector != this.acceptModel.selector
                && selector != this.setHeartbeat.selector
        ) revert ChangeNotAllowed(selector);
        changeId = keccak256(data);
        if (changeReadyAt[changeId] != 0) revert ChangeAlreadyScheduled(changeId);
        uint256 readyAt = block.timestamp + adminDelay;
        changeReadyAt[changeId] = readyAt;
        emit ChangeScheduled(changeId, data, readyAt);
    }

    /// @notice Makes a scheduled change once its delay has passed.
    function executeChange(bytes calldata data) external onlyOwner {
        bytes32 changeId = keccak256(data);
        uint256 readyAt = changeReadyAt[changeId];
        if (readyAt == 0) revert ChangeNotScheduled(changeId);
        if (block.timestamp < readyAt) revert ChangeNotReady(changeId, readyAt);
        delete changeReadyAt[changeId];
        (bool ok, bytes memory reason) = address(this).call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
        emit ChangeExecuted(changeId);
    }

    /// @notice Drops a scheduled change.
    function cancelChange(bytes32 changeId) external onlyOwner {
        if (changeReadyAt[changeId] == 0) revert ChangeNotScheduled(changeId);
        delete changeReadyAt[changeId];
        emit ChangeCancelled(changeId);
    }

    /// @notice Adds an attester (a scheduled change).
    function addAttester(address attester) external onlySelf {
        _addAttester(attester);
    }

    /// @notice Removes an attester (a scheduled change); the threshold must stay reachable.
    function removeAttester(address attester) external onlySelf {
        uint256 slot = _attesterSlot[attester];
        if (slot == 0) revert NotAnAttester(attester);
        if (threshold > _attesters.length - 1) revert InvalidThreshold(threshold, _attesters.length - 1);
        address last = _attesters[_attesters.length - 1];
        _attesters[slot - 1] = last;
        _attesterSlot[last] = uint8(slot);
        _attesters.pop();
        delete _attesterSlot[attester];
        attesterCount = uint8(_attesters.length);
        emit AttesterRemoved(attester);
    }

    /// @notice Sets the number of signatures needed (1..attesterCount) (a scheduled change).
    function setThreshold(uint8 threshold_) external onlySelf {
        _setThreshold(threshold_);
    }

    /// @notice Accepts a model hash with its pinned circuit, replacing an earlier pin of it (a scheduled change).
    /// @param verifier_ Halo2 verifier of the circuit; zero only in development mode.
    function acceptModel(
        bytes32 modelHash,
        address verifier_,
        bytes32 vkHash,
        bytes32 settingsHash,
        uint8 outScale_,
        uint8 logrows
    ) external onlySelf {
        _acceptModel(modelHash, verifier_, vkHash, settingsHash, outScale_, logrows);
    }

    function _acceptModel(
        bytes32 modelHash,
        address verifier_,
        bytes32 vkHash,
        bytes32 settingsHash,
        uint8 outScale_,
        uint8 logrows
    ) private {
        if (verifier_ == address(0) && !developmentMode) revert VerifierRequired(modelHash);
        if (outScale_ > 128) revert InvalidOutScale(outScale_);
        _models[modelHash] = ModelPin({
            verifier: IHalo2Verifier(verifier_),
            outScale: outScale_,
            logrows: logrows,
            accepted: true,
            vkHash: vkHash,
            settingsHash: settingsHash
        });
        emit ModelAccepted(modelHash, verifier_, vkHash, settingsHash, outScale_, logrows);
    }

    /// @notice Refuses further reports of a model hash; its pin stays readable.
    function revokeModel(bytes32 modelHash) external onlyOwner {
        if (!_models[modelHash].accepted) revert UnknownModel(modelHash);
        _models[modelHash].accepted = false;
        emit ModelRevoked(modelHash);
    }

    /// @notice Revokes an accepted report (e.g. one later found wrong): readers see it as not served.
    function revokeReport(uint32 reportId) external onlyOwner {
        if (reportId == 0 || reportId > reportCount) revert ReportNotFound(reportId);
        isReportRevoked[reportId] = true;
        emit ReportRevoked(reportId);
    }

    /// @notice Sets the staleness bound exposed to readers. Lowering it only refuses more, so the
    ///         owner does it at once; raising it lets older scores read as fresh, so a raise is a
    ///         scheduled change (`scheduleChange`) that readers see coming, like the attester set.
    function setHeartbeat(uint32 heartbeat_) external {
        if (msg.sender != address(this)) {
            if (msg.sender != owner) revert NotOwner(msg.sender);
            if (heartbeat_ > heartbeat) revert HeartbeatRaiseNeedsDelay(heartbeat, heartbeat_);
        }
        heartbeat = heartbeat_;
        emit HeartbeatSet(heartbeat_);
    }

    /// @notice Refuses new reports until unpaused. Reads keep working.
    function pause() external onlyOwner {
        if (paused) revert EnforcedPause();
        paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Accepts reports again.
    function unpause() external onlyOwner {
        if (!paused) revert ExpectedPause();
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice Starts a 2-step ownership transfer; `newOwner` must call `acceptOwnership`.
    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    /// @notice Completes an ownership transfer.
    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner(msg.sender);
        address previous = owner;
        owner = msg.sender;
        delete pendingOwner;
        emit OwnershipTransferred(previous, msg.sender);
    }

    function _addAttester(address attester) private {
        if (attester == address(0)) revert ZeroAddress();
        if (_attesterSlot[attester] != 0) revert AttesterAlreadyAdded(attester);
        if (_attesters.length >= type(uint8).max) revert TooManyAttesters();
        _attesters.push(attester);
        _attesterSlot[attester] = uint8(_attesters.length);
        attesterCount = uint8(_attesters.length);
        emit AttesterAdded(attester);
    }

    function _setThreshold(uint8 threshold_) private {
        if (threshold_ == 0 || threshold_ > _attesters.length) revert InvalidThreshold(threshold_, _attesters.length);
        threshold = threshold_;
        emit ThresholdSet(threshold_);
    }
}
