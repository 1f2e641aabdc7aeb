import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** The fields each code carries in `meta`. */
export type OnnxErrorMeta = {
  /** Not an ONNX protobuf, or no graph in it. */
  ONNX_UNREADABLE: Record<string, never>;
  /** An operator outside SUPPORTED_OPERATORS: the circuit compiler could not compile it. */
  ONNX_UNSUPPORTED_OPERATOR: { unsupported: string[] };
  /** Supported operators in a graph the readers refuse: inputs, shapes, tensors, a branch. */
  ONNX_UNSUPPORTED_GRAPH: { inputs?: number };
};

export type OnnxErrorCode = keyof OnnxErrorMeta;

/** A model file the project cannot read or use; never retryable (the same bytes fail the same way). */
export class OnnxError<C extends OnnxErrorCode = OnnxErrorCode> extends BaseError<
  OnnxErrorMeta[C]
> {
  override name = "OnnxError";
  declare readonly code: C;
  constructor(
    code: C,
    shortMessage: string,
    params: Omit<BaseErrorParameters<OnnxErrorMeta[C]>, "retryable"> = {},
  ) {
    super(code, shortMessage, { ...params, retryable: false });
  }
}
