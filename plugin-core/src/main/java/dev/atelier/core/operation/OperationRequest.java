package dev.atelier.core.operation;

/**
 * A validated, immutable operation request: what the user asked for, without pixels. The pixels (source image,
 * mask) travel beside it as job inputs; a host's panel values become one of these through its panel's binder.
 */
public sealed interface OperationRequest
        permits Img2ImgRequest, RetouchRequest, ExpandRequest, UpscaleRequest, RemoveBackgroundRequest,
                DetectRequest, Prep3dRequest, WorkflowRequest {

    Operation operation();
}
