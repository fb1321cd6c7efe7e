package dev.spendgate.cli;

import dev.spendgate.error.SpendgateException;

/** A command line that parses but makes no sense (code {@code usage}, exit code 2). */
final class UsageException extends SpendgateException {

    static final String CODE = "usage";

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(CODE, message);
    }
}
