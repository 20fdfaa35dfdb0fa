// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

interface IPayable {
    function pay(bytes32 termsHash, address licensor, bytes32 statementHash, uint256 amount) external;
}

/// @notice Test-only malicious ERC-20: once armed, every transfer calls back into the router's
/// `pay` before completing, the classic reentrancy attack. The router must revert.
contract ReentrantToken is ERC20 {
    address public target;
    bytes32 public termsHash;
    address public licensor;
    bytes32 public statementHash;
    uint256 public amount;
    bool private _attacking;

    constructor() ERC20("Reentrant", "REENT") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 value) external {
        _mint(to, value);
    }

    function arm(address target_, bytes32 termsHash_, address licensor_, bytes32 statementHash_, uint256 amount_) external {
        target = target_;
        termsHash = termsHash_;
        licensor = licensor_;
        statementHash = statementHash_;
        amount = amount_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (target != address(0) && !_attacking && from != address(0) && to != address(0)) {
            _attacking = true;
            IPayable(target).pay(termsHash, licensor, statementHash, amount);
            _attacking = false;
        }
        super._update(from, to, value);
    }
}
