package org.dmlworkbench.projection;

import java.util.Arrays;

/**
 * A point-region quadtree over 2-D map points that sums the t-SNE repulsion by Barnes-Hut: a cell
 * that looks small from a point (side / distance below theta) acts as one body at its centre of
 * mass (van der Maaten 2014). Arrays are reused between {@link #build} calls, so one tree per
 * optimisation allocates nothing per iteration once grown. Building is sequential; the force
 * queries only read the tree and may run in parallel.
 */
final class QuadTree {

    /** Points per leaf; small leaves are summed exactly when not summarised. */
    private static final int LEAF_CAPACITY = 4;
    /** Cells this deep are leaves whatever they hold, so coincident points cannot recurse forever. */
    static final int MAX_DEPTH = 40;
    /** Node fields, interleaved for locality: centre of mass x, y, squared side, point count. */
    private static final int STRIDE = 4;

    private double[] nodes = new double[0];
    /** First of four consecutive children, or {@code -1 - first} (into {@link #order}) for a leaf. */
    private int[] links = new int[0];
    private int nodeCount;
    private int[] order = new int[0];
    private int[] scratch = new int[0];
    private double[] points;

    /** Rebuilds the tree over {@code n} points stored as {@code x0, y0, x1, y1, ...}. */
    void build(double[] xy, int n) {
        points = xy;
        if (order.length != n) {
            order = new int[n];
            scratch = new int[n];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, xy[2 * i]);
            maxX = Math.max(maxX, xy[2 * i]);
            minY = Math.min(minY, xy[2 * i + 1]);
            maxY = Math.max(maxY, xy[2 * i + 1]);
        }
        // Slightly larger than the bounding box, so the largest point falls inside.
        double side = Math.max(maxX - minX, maxY - minY);
        side = side * (1 + 1e-9) + Double.MIN_NORMAL;
        nodeCount = 1;
        ensureCapacity(1);
        fill(0, 0, n, minX, minY, side, 0);
    }

    /** Point order of the tree's leaves: nearby points are close in it. */
    int[] spatialOrder() {
        return order;
    }

    private void fill(int node, int from, int to, double x0, double y0, double side, int depth) {
        int count = to - from;
        int base = node * STRIDE;
        nodes[base + 2] = side * side;
        nodes[base + 3] = count;
        if (count <= LEAF_CAPACITY || depth >= MAX_DEPTH) {
            links[node] = -1 - from;
            double sumX = 0;
            double sumY = 0;
            for (int s = from; s < to; s++) {
                sumX += points[2 * order[s]];
                sumY += points[2 * order[s] + 1];
            }
            nodes[base] = count == 0 ? 0 : sumX / count;
            nodes[base + 1] = count == 0 ? 0 : sumY / count;
            return;
        }
        double half = side / 2;
        double midX = x0 + half;
        double midY = y0 + half;
        int[] bounds = partition(from, to, midX, midY);
        int first = nodeCount;
        nodeCount += 4;
        ensureCapacity(nodeCount);
        links[node] = first;
        double sumX = 0;
        double sumY = 0;
        for (int q = 0; q < 4; q++) {
            int child = first + q;
            fill(child, bounds[q], bounds[q + 1], (q & 1) == 0 ? x0 : midX,
                    (q & 2) == 0 ? y0 : midY, half, depth + 1);
            double childCount = nodes[child * STRIDE + 3];
            sumX += childCount * nodes[child * STRIDE];
            sumY += childCount * nodes[child * STRIDE + 1];
        }
        nodes[base] = sumX / count;
        nodes[base + 1] = sumY / count;
    }

    /** Stable 4-way partition of {@code order[from..to)} by quadrant; returns the 5 boundaries. */
    private int[] partition(int from, int to, double midX, double midY) {
        int[] bounds = new int[5];
        for (int s = from; s < to; s++) {
            bounds[quadrant(order[s], midX, midY) + 1]++;
        }
        bounds[0] = from;
        for (int q = 1; q <= 4; q++) {
            bounds[q] += bounds[q - 1];
        }
        int[] next = Arrays.copyOf(bounds, 4);
        for (int s = from; s < to; s++) {
            int p = order[s];
            scratch[next[quadrant(p, midX, midY)]++] = p;
        }
        System.arraycopy(scratch, from, order, from, to - from);
        return bounds;
    }

    private int quadrant(int p, double midX, double midY) {
        return (points[2 * p] >= midX ? 1 : 0) + (points[2 * p + 1] >= midY ? 2 : 0);
    }

    private void ensureCapacity(int count) {
        if (links.length < count) {
            int grown = Math.max(count, links.length * 2);
            links = Arrays.copyOf(links, grown);
            nodes = Arrays.copyOf(nodes, grown * STRIDE);
        }
    }

    /** A traversal stack deep enough for this tree (each level adds at most 3 pending cells). */
    static int[] newStack() {
        return new int[4 * (MAX_DEPTH + 2)];
    }

    /**
     * Adds the unnormalised repulsion on point {@code i}, {@code sum_j w_ij^2 (y_i - y_j)} with
     * {@code w_ij = 1 / (1 + |y_i - y_j|^2)}, to {@code force[2i], force[2i+1]} and returns
     * {@code sum_j w_ij} (its share of the normaliser Z).
     */
    double repulsion(int i, double thetaSquared, int[] stack, double[] force) {
        double[] xy = points;
        double xi = xy[2 * i];
        double yi = xy[2 * i + 1];
        double fx = 0;
        double fy = 0;
        double z = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int base = node * STRIDE;
            double count = nodes[base + 3];
            if (count == 0) {
                continue;
            }
            double dx = xi - nodes[base];
            double dy = yi - nodes[base + 1];
            double d2 = dx * dx + dy * dy;
            int link = links[node];
            if (nodes[base + 2] < thetaSquared * d2) {
                double w = 1 / (1 + d2);
                double cw = count * w;
                z += cw;
                cw *= w;
                fx += cw * dx;
                fy += cw * dy;
            } else if (link < 0) {
                int from = -1 - link;
                int to = from + (int) count;
                for (int s = from; s < to; s++) {
                    int j = order[s];
                    if (j == i) {
                        continue;
                    }
                    double ex = xi - xy[2 * j];
                    double ey = yi - xy[2 * j + 1];
                    double w = 1 / (1 + ex * ex + ey * ey);
                    z += w;
                    double w2 = w * w;
                    fx += w2 * ex;
                    fy += w2 * ey;
                }
            } else {
                stack[top++] = link;
                stack[top++] = link + 1;
                stack[top++] = link + 2;
                stack[top++] = link + 3;
            }
        }
        force[2 * i] = fx;
        force[2 * i + 1] = fy;
        return z;
    }
}
