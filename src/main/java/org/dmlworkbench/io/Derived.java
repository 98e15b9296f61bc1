package org.dmlworkbench.io;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that its record computes from its other components (a parsed form of
 * a text it holds): {@link Json} neither writes nor reads it, so a file holds only what was given
 * and stays the same when such a component is added, and reading the file lets the record's
 * constructor compute it again.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Derived {}
