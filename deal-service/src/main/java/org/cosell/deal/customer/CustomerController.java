package org.cosell.deal.customer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.common.Address;
import org.cosell.deal.web.ItemsResponse;
import org.cosell.support.security.Caller;
import org.cosell.support.validation.IsoCountry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer auto-suggest (docs/api.md): companies by name prefix within a country, and a city when given. */
@RestController
@RequestMapping("/api/customers")
public class CustomerController {

    private final CustomerDirectory directory;

    public CustomerController(CustomerDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    ItemsResponse<CustomerSuggestion> suggest(Caller caller,
                                              @RequestParam(required = false) @NotBlank @Size(max = 200) String q,
                                              @RequestParam(required = false) @NotBlank @IsoCountry String country,
                                              @RequestParam(required = false) @Size(max = 100) String city,
                                              @RequestParam(defaultValue = "10") @Min(1) @Max(50) int size) {
        return new ItemsResponse<>(directory.suggest(caller.partnerId(), q, country, city, size).stream()
                .map(CustomerSuggestion::of).toList());
    }

    record CustomerSuggestion(String name, String dunsNumber, Address address) {

        static CustomerSuggestion of(DirectoryCustomer customer) {
            return new CustomerSuggestion(customer.name(), customer.dunsNumber(), customer.address());
        }
    }
}
