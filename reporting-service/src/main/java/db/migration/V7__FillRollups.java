package db.migration;

import io.leadhandoff.reporting.projection.Projections;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the rollups V6 introduced from the read models already there, with the projections' own
 * statements (clocks first get their cycle's dimensions).
 */
public class V7__FillRollups extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Projections.clockDimensions(context.getConnection(), "true", null, "");
        Projections.buildRollups(context.getConnection(), "");
    }
}
