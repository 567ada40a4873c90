package dev.g4j.gateway.internal;

/** A request the gateway refuses before calling any provider; carries the OpenAI error to answer with. */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    /**
     * Creates the exception.
     *
     * @param error the error to answer with
     */
    public BadRequestException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /**
     * A 400 for a request field.
     *
     * @param param the field at fault
     * @param message what is wrong and what to send instead
     * @return the exception
     */
    static BadRequestException of(String param, String message) {
        return new BadRequestException(ApiError.badRequest(param, message));
    }

    /**
     * The same refusal with another error code.
     *
     * @param code the code
     * @return a new exception
     */
    BadRequestException withCode(String code) {
        return new BadRequestException(error.withCode(code));
    }

    /**
     * The error to answer with.
     *
     * @return the error
     */
    public ApiError error() {
        return error;
    }
}
