import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  ExecutionRevertedError,
  FeeCapTooLowError,
  HttpRequestError,
  InsufficientFundsError,
  LimitExceededRpcError,
  NonceTooHighError,
  NonceTooLowError,
  ResourceUnavailableRpcError,
  SocketClosedError,
  TimeoutError,
  TipAboveFeeCapError,
  WaitForTransactionReceiptTimeoutError,
} from "viem";
import { isRetryable } from "../common/errors.js";
import { OracleError, OracleRevertError, OracleRpcError } from "../report/errors.js";

/**
 * Maps anything an RPC call threw onto the oracle's errors: contract reverts (with the custom
 * error's name) are not retryable; transport failures (HTTP errors, timeouts, dropped sockets,
 * rate limits) are `OracleRpcError`, retryable; so are nonce and fee refusals (another
 * transaction took the nonce, fees moved, the account needs funds), which a later attempt with a
 * fresh nonce and fee can pass. Other JSON-RPC refusals are not retryable.
 */
export function toOracleError(error: unknown, context: string): OracleError {
  if (error instanceof OracleError) return error;
  if (error instanceof ViemBaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName;
      return new OracleRevertError(`${context} reverted${name ? ` with ${name}` : ""}`, {
        cause: error,
        details: reverted.shortMessage,
        errorName: name,
        errorArgs: reverted.data?.args,
      });
    }
    if (error.walk((e) => e instanceof ExecutionRevertedError)) {
      return new OracleRevertError(`${context} reverted`, {
        cause: error,
        details: error.shortMessage,
      });
    }
    const transient = error.walk(
      (e) =>
        e instanceof HttpRequestError ||
        e instanceof TimeoutError ||
        e instanceof SocketClosedError ||
        e instanceof LimitExceededRpcError ||
        e instanceof ResourceUnavailableRpcError ||
        e instanceof WaitForTransactionReceiptTimeoutError,
    );
    if (transient || isRetryable((error as { cause?: unknown }).cause)) {
      return new OracleRpcError(`${context} failed: RPC unavailable`, {
        cause: error,
        details: error.shortMessage,
      });
    }
    const nonceOrFee = error.walk(
      (e) =>
        e instanceof NonceTooLowError ||
        e instanceof NonceTooHighError ||
        e instanceof FeeCapTooLowError ||
        e instanceof TipAboveFeeCapError ||
        e instanceof InsufficientFundsError,
    );
    if (
      nonceOrFee ||
      /nonce too low|nonce too high|underpriced|already known|insufficient funds/i.test(
        error.message,
      )
    ) {
      return new OracleError(
        "ORACLE_RPC_ERROR",
        `${context} was refused by the node: nonce or fee`,
        { cause: error, details: error.shortMessage, retryable: true },
      );
    }
    return new OracleError("ORACLE_RPC_ERROR", `${context} was refused by the node`, {
      cause: error,
      details: error.shortMessage,
      retryable: false,
    });
  }
  if (isRetryable(error) || (error instanceof TypeError && /fetch failed/i.test(error.message))) {
    return new OracleRpcError(`${context} failed: RPC unavailable`, { cause: error });
  }
  return new OracleError("ORACLE_RPC_ERROR", `${context} failed`, {
    cause: error,
    retryable: false,
  });
}
