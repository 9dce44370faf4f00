def test_patient_record_renders_for_pwp(pwp_client, patient, referral):
    response = pwp_client.get(f"/patients/{patient.pk}/")

    assert response.status_code == 200
    assert b"943 476 5919" in response.content
