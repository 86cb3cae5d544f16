package cn.shudi.security;

import java.time.OffsetDateTime;

/**
 * One counter of the login throttle as the administrators see it ({@code GET /api/security/login-locks}).
 *
 * @param scope 账户+地址, 地址 (any accounts) or 账户 (all addresses)
 * @param account the account name as typed, lower case; none on an address's counter
 * @param address the client address; none on an account's counter over all addresses
 * @param failures wrong passwords counted since {@code since}
 * @param since the first of them (the county's time by the engine clock)
 * @param lockedUntil logins refused until then; none while nothing is refused
 * @param state 锁定 (the lock), 延迟 (a growing delay), 从严 (an account failing from many addresses: each
 *     address is locked sooner) or 计数 (counted only)
 */
record LoginLock(String scope, String account, String address, int failures, OffsetDateTime since,
    OffsetDateTime lockedUntil, String state) {
}
