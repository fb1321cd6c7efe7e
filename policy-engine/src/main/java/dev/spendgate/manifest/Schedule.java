package dev.spendgate.manifest;

/** When GPUs are up: {@code activeHours} like {@code 08:00-20:00} in {@code timezone}. */
public record Schedule(String activeHours, String timezone, Boolean weekdaysOnly) {
}
