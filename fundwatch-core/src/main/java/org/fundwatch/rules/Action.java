package org.fundwatch.rules;

/** What a hit does in real-time review: a warning the doctor may override, or a block of the settlement. */
public enum Action {
    WARN, BLOCK
}
