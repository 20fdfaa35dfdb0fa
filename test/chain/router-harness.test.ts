import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEther } from "viem";
import { startAnvil, type Anvil } from "../helpers/anvil.js";
import { balanceOf, deployTestToken, mint, testTokenAbi } from "../helpers/erc20.js";

let anvil: Anvil;
beforeAll(async () => {
  anvil = await startAnvil();
});
afterAll(() => anvil?.stop());

describe("test harness: anvil", () => {
  it("runs chain 31337 on loopback with the standard funded dev accounts", async () => {
    expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${anvil.port}`);
    expect(await anvil.publicClient.getChainId()).toBe(31337);
    expect(anvil.chain.id).toBe(31337);
    expect(anvil.accounts).toHaveLength(10);
    // The well-known first Anvil/Hardhat dev account.
    expect(anvil.accounts[0]?.address).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    expect(anvil.accounts[0]?.privateKey).toBe("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    expect(await anvil.publicClient.getBalance({ address: anvil.accounts[9]!.address })).toBe(parseEther("10000"));
  });

  it("gives a working anvil test client (snapshot and revert)", async () => {
    const id = await anvil.testClient.snapshot();
    await anvil.testClient.mine({ blocks: 3 });
    const mined = await anvil.publicClient.getBlockNumber();
    await anvil.testClient.revert({ id });
    expect(await anvil.publicClient.getBlockNumber()).toBe(mined - 3n);
  });

  it("starts a second, independent node on another port and stops it", async () => {
    const other = await startAnvil();
    expect(other.port).not.toBe(anvil.port);
    await other.stop();
    await expect(other.publicClient.getChainId()).rejects.toThrow();
  });
});

describe("test harness: erc20", () => {
  it("deploys a 6-decimal token with public mint", async () => {
    const token = await deployTestToken(anvil, { name: "Test USD", symbol: "tUSD" });
    const holder = anvil.accounts[1]!.address;
    await mint(anvil, token.address, holder, 123_456_789n);
    expect(await balanceOf(anvil, token.address, holder)).toBe(123_456_789n);
    const read = (functionName: "decimals" | "symbol") =>
      anvil.publicClient.readContract({ address: token.address, abi: testTokenAbi, functionName });
    expect(await read("decimals")).toBe(6);
    expect(await read("symbol")).toBe("tUSD");
  });

  it("deploys a fee-on-transfer token that delivers less than was sent", async () => {
    const token = await deployTestToken(anvil, { symbol: "FEE", feeOnTransferBps: 100 });
    const [from, to] = [anvil.accounts[2]!, anvil.accounts[3]!];
    await mint(anvil, token.address, from.address, 10_000n);
    const hash = await anvil.walletClient(2).writeContract({
      address: token.address,
      abi: token.abi,
      functionName: "transfer",
      args: [to.address, 10_000n],
    });
    await anvil.publicClient.waitForTransactionReceipt({ hash });
    expect(await balanceOf(anvil, token.address, to.address)).toBe(9_900n);
  });
});
