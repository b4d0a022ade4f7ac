/** The bureau's rule packs: the live one, a draft under edit, publication and export (规则管理). */
package org.fundwatch.workflow.rules;
