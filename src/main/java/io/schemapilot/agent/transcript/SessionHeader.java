package io.schemapilot.agent.transcript;

import java.time.Instant;

/**
 * The first line of a transcript file ({@code "type": "session"}).
 *
 * @param id      the session id, also the file name without {@code .jsonl} ({@code 20261121-190501-k3f9})
 * @param persona the persona's name, or null
 * @param model   the model label ({@code offline}, {@code openai:gpt-4o-mini}), or null
 * @param started when the session started
 * @param version the schemapilot version that wrote it
 * @param cwd     the working directory of the session, or null
 */
public record SessionHeader(String id, String persona, String model, Instant started, String version, String cwd) {
}
