// Hardhat 2 is used only as a local JSON-RPC node (contracts are compiled with solc-js).
module.exports = {
  networks: {
    hardhat: { chainId: 31337, mining: { auto: true }, accounts: { count: 10 } },
  },
};
