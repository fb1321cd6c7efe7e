package dev.spendgate.spend;

import dev.spendgate.error.SpendgateException;

/**
 * A spend source cannot be read at all (missing file, not CSV or Parquet, a required column
 * missing, a refused connection, an error from the API): the gate must not pass (exit code 4). The
 * message is one line a person can act on, starting with where, and never carries credentials.
 * Codes: {@code spend_unreadable}, {@code spend_columns_missing}, {@code spend_unreachable}, ...
 */
public class SpendException extends SpendgateException {

    private static final long serialVersionUID = 1L;

    public SpendException(String code, String message) {
        super(code, message);
    }

    public SpendException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
