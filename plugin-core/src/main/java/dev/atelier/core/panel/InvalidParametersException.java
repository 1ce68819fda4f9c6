package dev.atelier.core.panel;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link Panel#bind} when values are invalid, with code {@link ErrorCode#INVALID_PARAMETERS}. It reports
 * every bad field at once; the message reads
 * {@code upscale: factor: must be one of 2, 4, 8 (got 3); preset: must be one of precise, balanced, creative (got fast)}.
 */
public class InvalidParametersException extends AtelierException {

    private final String panelId;
    private final List<FieldProblem> problems;

    /** Creates the exception for a panel and its (non-empty) problems, in the order given. */
    public InvalidParametersException(String panelId, List<FieldProblem> problems) {
        super(ErrorCode.INVALID_PARAMETERS, message(panelId, problems));
        this.panelId = panelId;
        this.problems = List.copyOf(problems);
    }

    /** Returns the id of the panel whose values were bound. */
    public String panelId() {
        return panelId;
    }

    /** Returns every problem, in field display order, unknown fields last. */
    public List<FieldProblem> problems() {
        return problems;
    }

    private static String message(String panelId, List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidParametersException needs at least one problem");
        }
        return panelId + ": " + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; "));
    }
}
