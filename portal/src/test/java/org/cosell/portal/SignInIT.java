package org.cosell.portal;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SignInIT extends PortalTestBase {

    @Test
    void aPageWithoutASessionGoesToSignInAndBackAfterwards() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/opportunities/" + ID).session(session))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sign-in"));
        mvc.perform(get("/sign-in").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"partnerId\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));

        mvc.perform(post("/sign-in").session(session).with(csrf())
                        .param("partnerId", "4412345").param("name", "Ada").param("email", "Ada@Fabrikam.example")
                        .param("roles", "REFERRALS_ADMIN", "MPN_PARTNER_ADMIN"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/opportunities/" + ID));

        FakeCosellApi.Request tokenRequest = api.last("POST", "/dev/token");
        assertThat(tokenRequest.header("Authorization")).isNull();
        assertThat(tokenRequest.body()).contains("\"partnerId\":\"4412345\"", "\"sub\":\"ada@fabrikam.example\"",
                "\"roles\":[\"REFERRALS_ADMIN\",\"MPN_PARTNER_ADMIN\"]", "\"name\":\"Ada\"");
    }

    @Test
    void theTokenStaysOnTheServerAndGoesWithEveryApiCall() throws Exception {
        MockHttpSession session = signIn();
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.json(pageJson(0)));

        mvc.perform(get("/opportunities").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(TOKEN))));

        assertThat(api.last("GET", "/api/opportunities").header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void namesEveryMissingFieldNextToItAndAsksTheGatewayForNothing() throws Exception {
        mvc.perform(post("/sign-in").with(csrf()).param("partnerId", "44-12").param("email", "not-an-address"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"partnerId-error\"")))
                .andExpect(content().string(containsString("A partner id is 1 to 20 digits.")))
                .andExpect(content().string(containsString("id=\"name-error\"")))
                .andExpect(content().string(containsString("id=\"email-error\"")))
                .andExpect(content().string(containsString("Choose at least one role.")))
                .andExpect(content().string(containsString("aria-describedby=\"partnerId-error\"")));

        assertThat(api.received("POST", "/dev/token")).isEmpty();
    }

    @Test
    void saysSoWhenTheGatewayIssuesNoDevTokens() throws Exception {
        api.on("POST", "/dev/token", FakeCosellApi.Response.problem(404, "Not found"));

        mvc.perform(post("/sign-in").with(csrf()).param("partnerId", "4412345").param("name", "Ada")
                        .param("email", "ada@fabrikam.example").param("roles", "REFERRALS_ADMIN"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The gateway did not issue a token")));
    }

    @Test
    void anExpiredTokenEndsTheSessionAndSignInLeadsBackToThePage() throws Exception {
        MockHttpSession session = signIn();
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.problem(401, "Invalid or expired token"));

        var expired = mvc.perform(get("/opportunities?tab=archived").session(session))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sign-in?expired"))
                .andReturn();
        assertThat(session.isInvalid()).isTrue();
        MockHttpSession next = (MockHttpSession) expired.getRequest().getSession(false);

        mvc.perform(get("/sign-in").param("expired", "").session(next))
                .andExpect(content().string(containsString("Your session expired")));
        mvc.perform(post("/sign-in").session(next).with(csrf()).param("partnerId", "4412345").param("name", "Ada")
                        .param("email", "ada@fabrikam.example").param("roles", "REFERRALS_ADMIN"))
                .andExpect(redirectedUrl("/opportunities?tab=archived"));
    }

    @Test
    void anHtmxCallWithoutASessionMovesTheWholePageToSignIn() throws Exception {
        mvc.perform(post("/opportunities/" + ID + "/favorite").with(csrf()).header("HX-Request", "true")
                        .header("HX-Current-URL", "http://localhost/opportunities?tab=favorites"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/sign-in"));
    }

    @Test
    void neverSendsAnybodyToAnotherSiteAfterSignIn() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/opportunities/" + ID + "/favorite").session(session).with(csrf())
                .header("Referer", "https://evil.example//elsewhere"));

        mvc.perform(post("/sign-in").session(session).with(csrf()).param("partnerId", "4412345").param("name", "Ada")
                        .param("email", "ada@fabrikam.example").param("roles", "REFERRALS_ADMIN"))
                .andExpect(redirectedUrl("/opportunities"));
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        MockHttpSession session = signIn();

        mvc.perform(post("/sign-out").session(session).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sign-in?signed-out"));

        assertThat(session.isInvalid()).isTrue();
        mvc.perform(get("/opportunities").session(new MockHttpSession()))
                .andExpect(redirectedUrl("/sign-in"));
    }
}
