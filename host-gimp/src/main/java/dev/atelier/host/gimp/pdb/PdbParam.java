package dev.atelier.host.gimp.pdb;

import dev.atelier.core.panel.Field;
import java.util.Optional;

/**
 * One PDB argument or return value. Arguments that come from a panel field carry it, so values can be turned
 * back into panel values; the leading run-mode, image and drawable do not.
 */
public record PdbParam(PdbType type, String name, String description, Optional<Field> field) {

    public static PdbParam fixed(PdbType type, String name, String description) {
        return new PdbParam(type, name, description, Optional.empty());
    }
}
