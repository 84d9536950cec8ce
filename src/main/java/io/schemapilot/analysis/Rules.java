package io.schemapilot.analysis;

import io.schemapilot.analysis.rules.AddCheckConstraintValidatingRule;
import io.schemapilot.analysis.rules.AddColumnAutoIncrementRule;
import io.schemapilot.analysis.rules.AddColumnDefaultPrePg11Rule;
import io.schemapilot.analysis.rules.AddColumnGeneratedStoredRule;
import io.schemapilot.analysis.rules.AddColumnJsonRule;
import io.schemapilot.analysis.rules.AddColumnNotNullNoDefaultRule;
import io.schemapilot.analysis.rules.AddColumnVolatileDefaultRule;
import io.schemapilot.analysis.rules.AddExclusionConstraintRule;
import io.schemapilot.analysis.rules.AddForeignKeyValidatingRule;
import io.schemapilot.analysis.rules.AddPrimaryKeyInlineIndexRule;
import io.schemapilot.analysis.rules.AddPrimaryKeyUsingIndexNullableRule;
import io.schemapilot.analysis.rules.AddUniqueConstraintInlineIndexRule;
import io.schemapilot.analysis.rules.AlterColumnTypeLossyRule;
import io.schemapilot.analysis.rules.AlterColumnTypeRewriteRule;
import io.schemapilot.analysis.rules.AttachPartitionScanRule;
import io.schemapilot.analysis.rules.BackfillInDdlTransactionRule;
import io.schemapilot.analysis.rules.CascadeToDependentsRule;
import io.schemapilot.analysis.rules.ConcurrentIndexInvalidLeftoverRule;
import io.schemapilot.analysis.rules.ConcurrentlyInTransactionRule;
import io.schemapilot.analysis.rules.ConcurrentlyOnPartitionedTableRule;
import io.schemapilot.analysis.rules.CreateIndexNonConcurrentRule;
import io.schemapilot.analysis.rules.CreateTriggerLockRule;
import io.schemapilot.analysis.rules.CreateUniqueIndexDuplicatesRule;
import io.schemapilot.analysis.rules.DeleteWithoutWhereRule;
import io.schemapilot.analysis.rules.DetachPartitionNonConcurrentRule;
import io.schemapilot.analysis.rules.DomainConstraintRule;
import io.schemapilot.analysis.rules.DropColumnRule;
import io.schemapilot.analysis.rules.DropConstraintRule;
import io.schemapilot.analysis.rules.DropDatabaseRule;
import io.schemapilot.analysis.rules.DropIndexNonConcurrentRule;
import io.schemapilot.analysis.rules.DropNotNullRule;
import io.schemapilot.analysis.rules.DropSchemaRule;
import io.schemapilot.analysis.rules.DropTableRule;
import io.schemapilot.analysis.rules.EnumAddValueInTransactionRule;
import io.schemapilot.analysis.rules.EnumAddValueUnorderedRule;
import io.schemapilot.analysis.rules.ExplicitLockTableRule;
import io.schemapilot.analysis.rules.IdentifierTooLongRule;
import io.schemapilot.analysis.rules.LockHeldAcrossStatementsRule;
import io.schemapilot.analysis.rules.MissingLockTimeoutRule;
import io.schemapilot.analysis.rules.MissingStatementTimeoutRule;
import io.schemapilot.analysis.rules.NonIdempotentStatementRule;
import io.schemapilot.analysis.rules.Pg14ConcurrentIndexCorruptionRule;
import io.schemapilot.analysis.rules.RefreshMatviewNonConcurrentRule;
import io.schemapilot.analysis.rules.ReindexNonConcurrentRule;
import io.schemapilot.analysis.rules.RenameColumnRule;
import io.schemapilot.analysis.rules.RenameEnumValueRule;
import io.schemapilot.analysis.rules.RenameSchemaRule;
import io.schemapilot.analysis.rules.RenameTableRule;
import io.schemapilot.analysis.rules.SetNotNullFullScanRule;
import io.schemapilot.analysis.rules.StorageRewriteRule;
import io.schemapilot.analysis.rules.TransactionNestingRule;
import io.schemapilot.analysis.rules.TruncateTableRule;
import io.schemapilot.analysis.rules.TypeBoundedCharRule;
import io.schemapilot.analysis.rules.TypeIntKeyOverflowRule;
import io.schemapilot.analysis.rules.TypeSerialNotIdentityRule;
import io.schemapilot.analysis.rules.TypeTimestampWithoutTzRule;
import io.schemapilot.analysis.rules.UncommittedTransactionRule;
import io.schemapilot.analysis.rules.UpdateWithoutWhereRule;
import io.schemapilot.analysis.rules.VacuumFullOrClusterRule;
import io.schemapilot.analysis.rules.ValidateConstraintSameTransactionRule;
import java.util.List;

/**
 * The rule of every hazard, in the order of {@link Hazard}: {@code Hazard.ADD_COLUMN_JSON} is
 * {@code rules.AddColumnJsonRule}. A plain list, not classes looked up by name: a CLI run starts in a cold JVM, where
 * finding and instantiating 60 classes by reflection cost tens of milliseconds. The catalog test checks that every
 * hazard has its rule here, under the class name {@link Hazard#ruleClassName()}.
 */
public final class Rules {
    public static final String PACKAGE = "io.schemapilot.analysis.rules";

    private static final List<Rule> ALL = List.of(
            new AddColumnVolatileDefaultRule(),
            new AddColumnDefaultPrePg11Rule(),
            new AddColumnNotNullNoDefaultRule(),
            new AddColumnAutoIncrementRule(),
            new AddColumnGeneratedStoredRule(),
            new AddColumnJsonRule(),
            new AddCheckConstraintValidatingRule(),
            new AddForeignKeyValidatingRule(),
            new ValidateConstraintSameTransactionRule(),
            new SetNotNullFullScanRule(),
            new AddUniqueConstraintInlineIndexRule(),
            new AddPrimaryKeyInlineIndexRule(),
            new AddPrimaryKeyUsingIndexNullableRule(),
            new AddExclusionConstraintRule(),
            new CreateUniqueIndexDuplicatesRule(),
            new DropNotNullRule(),
            new DropConstraintRule(),
            new DomainConstraintRule(),
            new CreateIndexNonConcurrentRule(),
            new DropIndexNonConcurrentRule(),
            new ConcurrentlyInTransactionRule(),
            new ConcurrentIndexInvalidLeftoverRule(),
            new ConcurrentlyOnPartitionedTableRule(),
            new Pg14ConcurrentIndexCorruptionRule(),
            new ReindexNonConcurrentRule(),
            new VacuumFullOrClusterRule(),
            new RefreshMatviewNonConcurrentRule(),
            new AlterColumnTypeRewriteRule(),
            new AlterColumnTypeLossyRule(),
            new DropColumnRule(),
            new DropTableRule(),
            new CascadeToDependentsRule(),
            new DropSchemaRule(),
            new DropDatabaseRule(),
            new TruncateTableRule(),
            new DeleteWithoutWhereRule(),
            new UpdateWithoutWhereRule(),
            new BackfillInDdlTransactionRule(),
            new RenameColumnRule(),
            new RenameTableRule(),
            new RenameSchemaRule(),
            new RenameEnumValueRule(),
            new EnumAddValueInTransactionRule(),
            new EnumAddValueUnorderedRule(),
            new DetachPartitionNonConcurrentRule(),
            new AttachPartitionScanRule(),
            new StorageRewriteRule(),
            new CreateTriggerLockRule(),
            new ExplicitLockTableRule(),
            new LockHeldAcrossStatementsRule(),
            new UncommittedTransactionRule(),
            new TransactionNestingRule(),
            new MissingLockTimeoutRule(),
            new MissingStatementTimeoutRule(),
            new NonIdempotentStatementRule(),
            new TypeBoundedCharRule(),
            new TypeTimestampWithoutTzRule(),
            new TypeIntKeyOverflowRule(),
            new TypeSerialNotIdentityRule(),
            new IdentifierTooLongRule()
    );

    private Rules() {
    }

    /** One instance of every rule (rules are stateless), in {@link Hazard} order. */
    public static List<Rule> all() {
        return ALL;
    }

    /** The rule of {@code h}, or null when there is none. */
    public static Rule forHazard(Hazard h) {
        for (Rule r : ALL) {
            if (r.hazard() == h) {
                return r;
            }
        }
        return null;
    }
}
