package dev.spendgate.manifest;

/** Whether a budget is for the whole run or for each calendar month. */
public enum BudgetPeriod {
    total, monthly
}
