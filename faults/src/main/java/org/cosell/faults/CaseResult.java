package org.cosell.faults;

import java.util.List;

/**
 * What one case found. A figure that does not apply to the case is {@code null} (shown as "-").
 *
 * @param sent       records or requests the case sent
 * @param arrived    what arrived where it should (stored, announced, delivered), or for an attack, what got through
 * @param lost       sent and acknowledged but never arrived: must be 0
 * @param duplicated effects that happened more than once: must be 0
 * @param refused    what the system refused, as it should (dead letters, 401/403/404/4xx)
 */
record CaseResult(String name, String kind, Long sent, Long arrived, Long lost, Long duplicated, Long refused,
                  boolean passed, double seconds, List<String> notes, List<String> findings) {
}
