package dev.atelier.host.gimp.pdb;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.RemotePanel;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.panel.BuiltInPanels;
import java.util.ArrayList;
import java.util.List;

/**
 * The procedures for the panels a daemon offers beyond the built-ins (Apps published from workflow files). The
 * plug-in knows the built-ins without asking; the others it learns from the daemon's panel list, like the Krita
 * and Blender add-ons learn every panel, so a new panel needs no plug-in change.
 */
public final class DaemonProcedures {

    private DaemonProcedures() {}

    /**
     * Returns the procedures for the daemon's panels that are not built in, in the daemon's order.
     *
     * @throws AtelierException when the daemon cannot be reached or answers with an error
     */
    public static List<ProcedureSpec> extra(ClientOptions options) throws AtelierException {
        List<ProcedureSpec> specs = new ArrayList<>();
        try (DaemonClient client = DaemonClient.connect(options)) {
            for (RemotePanel p : client.panels()) {
                if (BuiltInPanels.byId(p.descriptor().id()).isEmpty()) {
                    specs.add(ProcedureSpec.of(p.descriptor()));
                }
            }
        }
        return specs;
    }
}
