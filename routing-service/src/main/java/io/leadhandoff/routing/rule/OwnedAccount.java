package io.leadhandoff.routing.rule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account with an owner: its leads go to the owner (or the backup) before any rule is looked at. */
@Entity
@Table(name = "account_owner")
public class OwnedAccount extends PanacheEntityBase {
    /** The company domain, lower case. */
    @Id
    public String domain;
    public String name;
    @Column(name = "owner_login", nullable = false)
    public String ownerLogin;
    @Column(name = "backup_login")
    public String backupLogin;
}
