package dev.llmgateway.bench.driver;

/**
 * Signals that one call failed or returned the wrong content. The category groups failures in reports
 * (for example {@code "status UNAVAILABLE"} or {@code "content: text"}); the detail is for the first
 * few examples only.
 */
public final class CallFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final String category;

  /** Creates a failure of {@code category} with a human-readable {@code detail}. */
  public CallFailure(String category, String detail) {
    super(category + ": " + detail, null, false, false);
    this.category = category;
  }

  /** Creates a failure of {@code category} caused by {@code cause}. */
  public CallFailure(String category, Throwable cause) {
    super(category + ": " + cause, cause, false, false);
    this.category = category;
  }

  /** Returns the report category. */
  public String category() {
    return category;
  }
}
