package dev.atelier.core.workflow;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;

/** A workflow that cannot be read or run as written; lists every problem, each naming its node and field. */
public class WorkflowException extends AtelierException {

    private final String workflow;
    private final List<WorkflowProblem> problems;

    public WorkflowException(String workflow, List<WorkflowProblem> problems) {
        super(ErrorCode.INVALID_PARAMETERS, message(workflow, problems));
        this.workflow = workflow;
        this.problems = List.copyOf(problems);
    }

    /** Returns the workflow's id or file name. */
    public String workflow() {
        return workflow;
    }

    public List<WorkflowProblem> problems() {
        return problems;
    }

    private static String message(String workflow, List<WorkflowProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a WorkflowException needs at least one problem");
        }
        return "workflow '" + workflow + "': "
                + problems.stream().map(WorkflowProblem::toString).collect(Collectors.joining("; "));
    }
}
