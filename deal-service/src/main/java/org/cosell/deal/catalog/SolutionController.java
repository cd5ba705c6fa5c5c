package org.cosell.deal.catalog;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.common.SolutionType;
import org.cosell.deal.web.ItemsResponse;
import org.cosell.support.security.Caller;
import org.cosell.support.security.Role;
import org.cosell.support.web.InvalidFieldsException;
import org.cosell.support.web.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Comparator;
import java.util.Set;

/**
 * The solution catalog (docs/api.md): the shipped entries and the partner's own. Every user reads it;
 * only an MPN partner admin adds to it, and the role is checked before the body is.
 */
@RestController
@RequestMapping("/api/solutions")
public class SolutionController {

    private final SolutionCatalog catalog;
    private final Validator validator;

    public SolutionController(SolutionCatalog catalog, Validator validator) {
        this.catalog = catalog;
        this.validator = validator;
    }

    @GetMapping
    ItemsResponse<SolutionResponse> find(Caller caller, @RequestParam(required = false) @Size(max = 200) String q,
                                         @RequestParam(required = false) SolutionType type) {
        return new ItemsResponse<>(catalog.find(caller.partnerId(), q, type).stream().map(SolutionResponse::of).toList());
    }

    @GetMapping("/{id}")
    SolutionResponse get(Caller caller, @PathVariable String id) {
        return SolutionResponse.of(catalog.get(caller.partnerId(), id));
    }

    @PostMapping
    ResponseEntity<SolutionResponse> add(Caller caller, @RequestBody NewSolutionRequest request) {
        if (!caller.has(Role.MPN_PARTNER_ADMIN)) {
            throw new AccessDeniedException("Only an MPN partner admin changes the solution catalog");
        }
        Set<ConstraintViolation<NewSolutionRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidFieldsException(violations.stream()
                    .map(violation -> new Problems.FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
                    .sorted(Comparator.comparing(Problems.FieldError::field))
                    .toList());
        }
        CatalogSolution added = catalog.addOwn(caller.partnerId(), request.name(),
                Boolean.TRUE.equals(request.registrationEligible()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
                        .path("/{id}").buildAndExpand(added.id()).toUri())
                .body(SolutionResponse.of(added));
    }

    /** One of the partner's own solutions; {@code type}, when given, can only be PARTNER. */
    record NewSolutionRequest(
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = "PARTNER", message = "must be PARTNER: partners add their own solutions") String type,
            Boolean registrationEligible) {
    }

    /** @param own whether the calling partner added it, rather than it being shipped with the catalog */
    record SolutionResponse(String id, String name, SolutionType type, boolean registrationEligible, boolean own) {

        static SolutionResponse of(CatalogSolution solution) {
            return new SolutionResponse(solution.id(), solution.name(), solution.type(), solution.registrationEligible(),
                    solution.partnerId() != null);
        }
    }
}
