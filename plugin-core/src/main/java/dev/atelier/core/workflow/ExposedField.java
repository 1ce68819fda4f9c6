package dev.atelier.core.workflow;

import dev.atelier.core.panel.Field;

/** An exposed parameter and the App panel field made for it (the node field with the parameter's changes). */
public record ExposedField(ExposedParameter parameter, Field field) {}
