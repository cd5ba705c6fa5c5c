package org.cosell.bench;

/** How a figure stands against its target. */
enum Verdict {
    /** The target is met. */
    MET,
    /** The target is missed; the output says by how much. */
    MISSED,
    /** A figure without a target: a reference or a fact about the run. */
    INFO,
    /** The figure could not be measured (timeout, errors); the note says why. */
    FAILED
}
