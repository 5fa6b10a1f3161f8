package io.streammanager.gateway.json;

/**
 * One thing wrong with a request.
 *
 * @param field JSON pointer of the field ("/opacity")
 * @param message what is wrong and what is allowed
 */
public record FieldProblem(String field, String message) {}
