/** The people who work the findings: roles, accounts and bcrypt password hashes. */
package org.fundwatch.workflow.users;
