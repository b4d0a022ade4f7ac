/** Rule management in the UI: the live pack and its draft, edits, trial runs (政策仿真) and publication. */
package org.fundwatch.serve.rules;
