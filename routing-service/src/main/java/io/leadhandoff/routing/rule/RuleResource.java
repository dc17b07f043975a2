package io.leadhandoff.routing.rule;

import io.leadhandoff.common.error.ProblemException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.leadhandoff.common.json.StrictReader;
import io.leadhandoff.common.security.Roles;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Routing rules (ordered, first match wins) and owned accounts: revops-admin writes, managers read. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    static final String DOMAIN = "[A-Za-z0-9.-]{1,255}";

    public record AccountRequest(@Size(max = 300) String name, @NotBlank @Size(max = 100) String ownerLogin,
            @Size(max = 100) String backupLogin) {
    }

    private final RuleService rules;
    private final SecurityIdentity identity;
    private final StrictReader strict;

    public RuleResource(RuleService rules, SecurityIdentity identity, StrictReader strict) {
        this.strict = strict;
        this.rules = rules;
        this.identity = identity;
    }

    @GET
    @Path("routing-rules")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "The routing rules, in the order they are tried (first match wins)")
    public List<RuleDefinition> rules() {
        return rules.rules();
    }

    @PUT
    @Path("routing-rules")
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "Replaces the whole ordered list (audited); an invalid rule is a 422 naming it and nothing changes")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = RuleDefinition.class)))
    public List<RuleDefinition> replace(String body) throws IOException {
        // rules are written by people: a misspelt field is refused, not silently ignored
        List<RuleDefinition> definitions;
        try {
            definitions = strict.read(body, new TypeReference<List<RuleDefinition>>() {
            });
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        if (definitions.size() > RuleService.MAX_RULES) {
            throw ProblemException.batchTooLarge("rules", RuleService.MAX_RULES, definitions.size());
        }
        return rules.replace(definitions, identity.getPrincipal().getName());
    }

    @GET
    @Path("account-owners")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Accounts with an owner: their leads go to the owner (or the backup) before any rule")
    public List<OwnedAccount> accounts() {
        return rules.accounts();
    }

    @PUT
    @Path("account-owners/{domain}")
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "Gives an account (by company domain) an owner and an optional backup (audited)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AccountRequest.class)))
    public OwnedAccount putAccount(@PathParam("domain") @Pattern(regexp = DOMAIN) String domain, String body)
            throws IOException {
        AccountRequest request;
        try {
            request = strict.read(body, AccountRequest.class);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return rules.putAccount(domain, request.name(), request.ownerLogin(), request.backupLogin(),
                identity.getPrincipal().getName());
    }

    @DELETE
    @Path("account-owners/{domain}")
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "The account's leads are routed by the rules again")
    public Response deleteAccount(@PathParam("domain") @Pattern(regexp = DOMAIN) String domain) {
        rules.deleteAccount(domain, identity.getPrincipal().getName());
        return Response.noContent().build();
    }
}
