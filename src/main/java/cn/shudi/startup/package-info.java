/**
 * The start-up sequence: the ordered steps the platform runs when it starts ({@link cn.shudi.startup.StartupSequence}).
 * It depends on the features' public start-up steps; no feature depends on it.
 */
package cn.shudi.startup;
