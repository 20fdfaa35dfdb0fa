// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title OMRLRouter — registry of Open Model Revenue License terms and a payment splitter.
/// @notice A licensor registers the payment side of an `omrl.json` under its terms hash (the
/// sha256 of the canonical terms): the ERC-20 token and the payees with their shares in parts per
/// million. A licensee then pays a statement in one call; the router pulls the tokens and splits
/// them exactly among the payees, keeping nothing, and emits `RevenuePaid` for reconciliation.
/// @dev Registrations are keyed by terms hash AND licensor (the account that registered). The
/// router cannot read the terms behind a hash, so it cannot tell who they name as licensor; what
/// it guarantees is that a registration belongs to the account that made it. A payer holds the
/// signed terms, reads the licensor from them and pays `(termsHash, licensor)`: somebody else
/// registering the same published hash first creates a different, unused registration and blocks
/// nothing (see docs/contracts.md#registrations).
/// @dev The registry also records who first registered each weights digest (sha256 over the
/// tensor data only), so a later registration of the same weights by someone else is visible on
/// chain as `ArtifactReRegistered`. The router does not judge it: a fine-tune's own weights have
/// a different digest, so a re-registration of identical weights is either the same licensor
/// (a new terms version) or a re-upload worth looking at.
contract OMRLRouter is ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice The share scale: 1_000_000 ppm = 100 %.
    uint32 public constant PPM = 1_000_000;
    /// @notice Most payees one registration may split among (bounds the gas of `pay`).
    uint256 public constant MAX_PAYEES = 100;
    /// @notice Most weights digests one registration or update may record.
    uint256 public constant MAX_ARTIFACTS = 256;

    struct Payee {
        address account;
        uint32 sharePpm;
    }

    struct Terms {
        address licensor;
        address token;
        uint32 version;
        Payee[] payees;
        bytes32[] artifactDigests;
    }

    /// @notice A registration as returned by `getTerms`.
    struct Registration {
        address licensor;
        address token;
        uint32 version;
        address[] payees;
        uint32[] sharesPpm;
        bytes32[] artifactDigests;
    }

    struct FirstRegistration {
        address licensor;
        bytes32 termsHash;
    }

    mapping(bytes32 termsHash => mapping(address licensor => Terms)) private _terms;
    mapping(bytes32 digest => FirstRegistration) private _firstRegistration;

    event TermsRegistered(
        bytes32 indexed termsHash,
        address indexed licensor,
        address indexed token,
        address[] payees,
        uint32[] sharesPpm
    );
    event TermsUpdated(
        bytes32 indexed termsHash,
        address indexed licensor,
        uint32 indexed version,
        address[] payees,
        uint32[] sharesPpm
    );
    event ArtifactFirstRegistered(bytes32 indexed digest, bytes32 indexed termsHash, address indexed licensor);
    event ArtifactReRegistered(
        bytes32 indexed digest,
        bytes32 indexed termsHash,
        address indexed licensor,
        address firstLicensor
    );
    event RevenuePaid(
        bytes32 indexed termsHash,
        address indexed payer,
        bytes32 indexed statementHash,
        address licensor,
        uint256 amount
    );
    event PayeePaid(bytes32 indexed termsHash, bytes32 indexed statementHash, address indexed payee, uint256 amount);

    error ZeroTermsHash();
    error TermsAlreadyRegistered(bytes32 termsHash, address licensor);
    error UnknownTerms(bytes32 termsHash, address licensor);
    error TokenNotContract(address token);
    error NoPayees();
    error TooManyPayees(uint256 count, uint256 max);
    error LengthMismatch(uint256 payees, uint256 shares);
    error ZeroPayee(uint256 index);
    error ZeroShare(uint256 index);
    error DuplicatePayee(address payee);
    error SharesSumInvalid(uint256 sum);
    error TooManyArtifacts(uint256 count, uint256 max);
    error ZeroArtifactDigest(uint256 index);
    error ZeroAmount();
    error FeeOnTransferToken(address token, uint256 expected, uint256 received);

    /// @notice Registers the payment terms `termsHash` with the caller as licensor. Another
    /// account's registration of the same hash is a separate entry and does not block this one.
    /// @param artifactDigests weights digests of the release (may be empty); each first
    /// registration is recorded, later ones by anybody emit `ArtifactReRegistered`.
    function register(
        bytes32 termsHash,
        address token,
        address[] calldata payees,
        uint32[] calldata sharesPpm,
        bytes32[] calldata artifactDigests
    ) external {
        if (termsHash == bytes32(0)) revert ZeroTermsHash();
        Terms storage terms = _terms[termsHash][msg.sender];
        if (terms.licensor != address(0)) revert TermsAlreadyRegistered(termsHash, terms.licensor);
        _checkToken(token);
        _checkSplit(payees, sharesPpm);
        terms.licensor = msg.sender;
        terms.token = token;
        _storePayees(terms, payees, sharesPpm);
        emit TermsRegistered(termsHash, msg.sender, token, payees, sharesPpm);
        _recordArtifacts(terms, termsHash, artifactDigests);
    }

    /// @notice Replaces the split of terms the caller registered (e.g. a payee rotating a lost
    /// key) and records more weights digests. Bumps `version`; every change is an event.
    /// @dev The token is fixed per terms hash: the terms name it, and an amount in `RevenuePaid`
    /// must mean the same token for every payment under the same hash.
    function update(
        bytes32 termsHash,
        address[] calldata payees,
        uint32[] calldata sharesPpm,
        bytes32[] calldata addedArtifactDigests
    ) external {
        Terms storage terms = _terms[termsHash][msg.sender];
        if (terms.licensor == address(0)) revert UnknownTerms(termsHash, msg.sender);
        _checkSplit(payees, sharesPpm);
        terms.version += 1;
        delete terms.payees;
        _storePayees(terms, payees, sharesPpm);
        emit TermsUpdated(termsHash, msg.sender, terms.version, payees, sharesPpm);
        _recordArtifacts(terms, termsHash, addedArtifactDigests);
    }

    /// @notice Pays `amount` base units of the token of `licensor`'s registration of `termsHash`
    /// for the statement `statementHash`: pulls them from the caller (who must have approved the
    /// router) and splits them among the payees cumulatively — payee k receives
    /// floor(amount × cumulativeShare_k / 1e6) minus what was already assigned — so the parts sum
    /// to `amount` exactly and nothing stays here. Calldata past the arguments (an OMRL payment
    /// reference) is ignored here and read by reconciliation from the transaction input.
    function pay(bytes32 termsHash, address licensor, bytes32 statementHash, uint256 amount) external nonReentrant {
        Terms storage terms = _terms[termsHash][licensor];
        if (terms.licensor == address(0)) revert UnknownTerms(termsHash, licensor);
        if (amount == 0) revert ZeroAmount();
        IERC20 token = IERC20(terms.token);
        _pull(token, amount);
        _split(token, terms.payees, termsHash, statementHash, amount);
        emit RevenuePaid(termsHash, msg.sender, statementHash, licensor, amount);
    }

    /// @notice `licensor`'s registration of `termsHash`; `licensor` is the zero address when unknown.
    function getTerms(bytes32 termsHash, address licensor) external view returns (Registration memory registration) {
        Terms storage terms = _terms[termsHash][licensor];
        uint256 count = terms.payees.length;
        registration.licensor = terms.licensor;
        registration.token = terms.token;
        registration.version = terms.version;
        registration.payees = new address[](count);
        registration.sharesPpm = new uint32[](count);
        for (uint256 k; k < count; ++k) {
            registration.payees[k] = terms.payees[k].account;
            registration.sharesPpm[k] = terms.payees[k].sharePpm;
        }
        registration.artifactDigests = terms.artifactDigests;
    }

    /// @notice Who first registered the weights digest `digest`, and under which terms
    /// (zero values when nobody has).
    function firstRegistrant(bytes32 digest) external view returns (address licensor, bytes32 termsHash) {
        FirstRegistration storage first = _firstRegistration[digest];
        return (first.licensor, first.termsHash);
    }

    /// @dev Pulls `amount` from the caller and refuses tokens that deliver less than was sent.
    function _pull(IERC20 token, uint256 amount) private {
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 balanceAfter = token.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert FeeOnTransferToken(address(token), amount, received);
    }

    /// @dev Cumulative split; the shares sum to PPM (checked at registration), so the parts sum to
    /// `amount` exactly and the last payee's upper bound is `amount` itself.
    function _split(
        IERC20 token,
        Payee[] storage payees,
        bytes32 termsHash,
        bytes32 statementHash,
        uint256 amount
    ) private {
        uint256 count = payees.length;
        uint256 cumulativePpm;
        uint256 assigned;
        for (uint256 k; k < count; ++k) {
            Payee storage payee = payees[k];
            cumulativePpm += payee.sharePpm;
            // mulDiv: exact floor without overflow for any uint256 amount.
            uint256 upTo = Math.mulDiv(amount, cumulativePpm, PPM);
            uint256 part = upTo - assigned;
            assigned = upTo;
            if (part > 0) {
                address account = payee.account;
                token.safeTransfer(account, part);
                emit PayeePaid(termsHash, statementHash, account, part);
            }
        }
    }

    function _checkToken(address token) private view {
        if (token.code.length == 0) revert TokenNotContract(token);
    }

    function _checkSplit(address[] calldata payees, uint32[] calldata sharesPpm) private pure {
        uint256 count = payees.length;
        if (count == 0) revert NoPayees();
        if (count > MAX_PAYEES) revert TooManyPayees(count, MAX_PAYEES);
        if (sharesPpm.length != count) revert LengthMismatch(count, sharesPpm.length);
        uint256 sum;
        for (uint256 k; k < count; ++k) {
            address account = payees[k];
            if (account == address(0)) revert ZeroPayee(k);
            if (sharesPpm[k] == 0) revert ZeroShare(k);
            for (uint256 j; j < k; ++j) {
                if (payees[j] == account) revert DuplicatePayee(account);
            }
            sum += sharesPpm[k];
        }
        if (sum != PPM) revert SharesSumInvalid(sum);
    }

    function _storePayees(Terms storage terms, address[] calldata payees, uint32[] calldata sharesPpm) private {
        for (uint256 k; k < payees.length; ++k) {
            terms.payees.push(Payee({account: payees[k], sharePpm: sharesPpm[k]}));
        }
    }

    function _recordArtifacts(Terms storage terms, bytes32 termsHash, bytes32[] calldata digests) private {
        uint256 count = digests.length;
        if (terms.artifactDigests.length + count > MAX_ARTIFACTS) {
            revert TooManyArtifacts(terms.artifactDigests.length + count, MAX_ARTIFACTS);
        }
        for (uint256 k; k < count; ++k) {
            bytes32 digest = digests[k];
            if (digest == bytes32(0)) revert ZeroArtifactDigest(k);
            terms.artifactDigests.push(digest);
            FirstRegistration storage first = _firstRegistration[digest];
            if (first.licensor == address(0)) {
                first.licensor = msg.sender;
                first.termsHash = termsHash;
                emit ArtifactFirstRegistered(digest, termsHash, msg.sender);
            } else {
                emit ArtifactReRegistered(digest, termsHash, msg.sender, first.licensor);
            }
        }
    }
}
