/**
 * The administrator's accounts page (用户管理): the accounts of the workflow store without their password hashes,
 * and new accounts, each logged in the audit log.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.serve.users;
