package org.cosell.portal.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the local sign-in asks for; the e-mail address is the user's id ({@code sub}) too. */
public class DevSignInForm {

    @NotBlank(message = "{signIn.partnerId.required}")
    @Pattern(regexp = "[0-9]{1,20}", message = "{signIn.partnerId.digits}")
    private String partnerId = "";

    @NotBlank(message = "{signIn.name.required}")
    @Size(max = 200, message = "{field.tooLong}")
    private String name = "";

    @NotBlank(message = "{signIn.email.required}")
    @Email(message = "{field.email}")
    @Size(max = 100, message = "{field.tooLong}")
    private String email = "";

    @NotEmpty(message = "{signIn.roles.required}")
    private List<@Pattern(regexp = "MPN_PARTNER_ADMIN|REFERRALS_ADMIN") String> roles = new ArrayList<>();

    public String getPartnerId() {
        return partnerId;
    }

    public void setPartnerId(String partnerId) {
        this.partnerId = partnerId == null ? "" : partnerId.strip();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name.strip();
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null ? "" : email.strip();
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles == null ? new ArrayList<>() : roles;
    }
}
