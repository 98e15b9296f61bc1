/**
 * The one exact k-nearest-neighbour kernel ({@link org.dmlworkbench.neighbours.ExactKnn}) and
 * its parts: where reference rows come from ({@link org.dmlworkbench.neighbours.ReferenceRows}),
 * the two ways a block of queries is scored (exact differences on the host, or one matrix
 * product), and the exact selection ({@link org.dmlworkbench.neighbours.TopKSelector}).
 *
 * <p>Why a package of its own, rather than {@code search}: evaluation, search, the store and
 * projection all need the kernel, and {@code search} sits above {@code training} (through
 * {@code ImageSearch}), which itself uses {@code evaluation}. Had evaluation imported
 * {@code search}, the packages would form a cycle, which {@code ArchitectureTest} refuses. So the
 * kernel lives below all of them and depends on none of the workbench's packages.
 */
package org.dmlworkbench.neighbours;
