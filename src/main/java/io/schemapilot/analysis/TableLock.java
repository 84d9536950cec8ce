package io.schemapilot.analysis;

import io.schemapilot.report.LockMode;
import io.schemapilot.sql.QualifiedName;

/** A table-level lock a change takes (or took, when held), with the statement that took it. */
public record TableLock(QualifiedName table, LockMode mode, int statement) {
}
