/** Progress reporting from engines to whoever shows it. */
package org.fundwatch.progress;
