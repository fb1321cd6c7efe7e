package dev.spendgate.spend;

/**
 * A spend source cannot be read at all (missing file, not CSV or Parquet, a required column
 * missing, a refused connection, an error from the API): the gate must not pass (exit code 4). The
 * message is one line a person can act on, starting with where, and never carries credentials.
 */
public class SpendException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    public SpendException(String code, String message) {
        super(message);
        this.code = code;
    }

    public SpendException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable code: {@code spend_unreadable}, {@code spend_columns_missing}, {@code spend_unreachable}, ... */
    public String code() {
        return code;
    }
}
