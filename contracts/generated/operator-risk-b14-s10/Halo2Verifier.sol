// SPDX-License-Identifier: MIT

pragma solidity ^0.8.0;

contract Halo2Verifier {
    uint256 internal constant    DELTA = 4131629893567559867359510883348571134090853742863529169391034518566172092834;
    uint256 internal constant        R = 21888242871839275222246405745257275088548364400416034343698204186575808495617; 

    uint256 internal constant FIRST_QUOTIENT_X_CPTR = 0x0624;
    uint256 internal constant  LAST_QUOTIENT_X_CPTR = 0x07a4;

    uint256 internal constant                VK_MPTR = 0x06c0;
    uint256 internal constant         VK_DIGEST_MPTR = 0x06c0;
    uint256 internal constant     NUM_INSTANCES_MPTR = 0x06e0;
    uint256 internal constant                 K_MPTR = 0x0700;
    uint256 internal constant             N_INV_MPTR = 0x0720;
    uint256 internal constant             OMEGA_MPTR = 0x0740;
    uint256 internal constant         OMEGA_INV_MPTR = 0x0760;
    uint256 internal constant    OMEGA_INV_TO_L_MPTR = 0x0780;
    uint256 internal constant   HAS_ACCUMULATOR_MPTR = 0x07a0;
    uint256 internal constant        ACC_OFFSET_MPTR = 0x07c0;
    uint256 internal constant     NUM_ACC_LIMBS_MPTR = 0x07e0;
    uint256 internal constant NUM_ACC_LIMB_BITS_MPTR = 0x0800;
    uint256 internal constant              G1_X_MPTR = 0x0820;
    uint256 internal constant              G1_Y_MPTR = 0x0840;
    uint256 internal constant            G2_X_1_MPTR = 0x0860;
    uint256 internal constant            G2_X_2_MPTR = 0x0880;
    uint256 internal constant            G2_Y_1_MPTR = 0x08a0;
    uint256 internal constant            G2_Y_2_MPTR = 0x08c0;
    uint256 internal constant      NEG_S_G2_X_1_MPTR = 0x08e0;
    uint256 internal constant      NEG_S_G2_X_2_MPTR = 0x0900;
    uint256 internal constant      NEG_S_G2_Y_1_MPTR = 0x0920;
    uint256 internal constant      NEG_S_G2_Y_2_MPTR = 0x0940;

    uint256 internal constant CHALLENGE_MPTR = 0x1120;

    uint256 internal constant THETA_MPTR = 0x1120;
    uint256 internal constant  BETA_MPTR = 0x1140;
    uint256 internal constant GAMMA_MPTR = 0x1160;
    uint256 internal constant     Y_MPTR = 0x1180;
    uint256 internal constant     X_MPTR = 0x11a0;
    uint256 internal constant  ZETA_MPTR = 0x11c0;
    uint256 internal constant    NU_MPTR = 0x11e0;
    uint256 internal constant    MU_MPTR = 0x1200;

    uint256 internal constant       ACC_LHS_X_MPTR = 0x1220;
    uint256 internal constant       ACC_LHS_Y_MPTR = 0x1240;
    uint256 internal constant       ACC_RHS_X_MPTR = 0x1260;
    uint256 internal constant       ACC_RHS_Y_MPTR = 0x1280;
    uint256 internal constant             X_N_MPTR = 0x12a0;
    uint256 internal constant X_N_MINUS_1_INV_MPTR = 0x12c0;
    uint256 internal constant          L_LAST_MPTR = 0x12e0;
    uint256 internal constant         L_BLIND_MPTR = 0x1300;
    uint256 internal constant             L_0_MPTR = 0x1320;
    uint256 internal constant   INSTANCE_EVAL_MPTR = 0x1340;
    uint256 internal constant   QUOTIENT_EVAL_MPTR = 0x1360;
    uint256 internal constant      QUOTIENT_X_MPTR = 0x1380;
    uint256 internal constant      QUOTIENT_Y_MPTR = 0x13a0;
    uint256 internal constant          R_EVAL_MPTR = 0x13c0;
    uint256 internal constant   PAIRING_LHS_X_MPTR = 0x13e0;
    uint256 internal constant   PAIRING_LHS_Y_MPTR = 0x1400;
    uint256 internal constant   PAIRING_RHS_X_MPTR = 0x1420;
    uint256 internal constant   PAIRING_RHS_Y_MPTR = 0x1440;

    function verifyProof(
        bytes calldata proof,
        uint256[] calldata instances
    ) public returns (bool) {
        assembly {
            // Read EC point (x, y) at (proof_cptr, proof_cptr + 0x20),
            // and check if the point is on affine plane,
            // and store them in (hash_mptr, hash_mptr + 0x20).
            // Return updated (success, proof_cptr, hash_mptr).
            function read_ec_point(success, proof_cptr, hash_mptr, q) -> ret0, ret1, ret2 {
                let x := calldataload(proof_cptr)
                let y := calldataload(add(proof_cptr, 0x20))
                ret0 := and(success, lt(x, q))
                ret0 := and(ret0, lt(y, q))
                ret0 := and(ret0, eq(mulmod(y, y, q), addmod(mulmod(x, mulmod(x, x, q), q), 3, q)))
                mstore(hash_mptr, x)
                mstore(add(hash_mptr, 0x20), y)
                ret1 := add(proof_cptr, 0x40)
                ret2 := add(hash_mptr, 0x40)
            }

            // Squeeze challenge by keccak256(memory[0..hash_mptr]),
            // and store hash mod r as challenge in challenge_mptr,
            // and push back hash in 0x00 as the first input for next squeeze.
            // Return updated (challenge_mptr, hash_mptr).
            function squeeze_challenge(challenge_mptr, hash_mptr, r) -> ret0, ret1 {
                let hash := keccak256(0x00, hash_mptr)
                mstore(challenge_mptr, mod(hash, r))
                mstore(0x00, hash)
                ret0 := add(challenge_mptr, 0x20)
                ret1 := 0x20
            }

            // Squeeze challenge without absorbing new input from calldata,
            // by putting an extra 0x01 in memory[0x20] and squeeze by keccak256(memory[0..21]),
            // and store hash mod r as challenge in challenge_mptr,
            // and push back hash in 0x00 as the first input for next squeeze.
            // Return updated (challenge_mptr).
            function squeeze_challenge_cont(challenge_mptr, r) -> ret {
                mstore8(0x20, 0x01)
                let hash := keccak256(0x00, 0x21)
                mstore(challenge_mptr, mod(hash, r))
                mstore(0x00, hash)
                ret := add(challenge_mptr, 0x20)
            }

            // Batch invert values in memory[mptr_start..mptr_end] in place.
            // Return updated (success).
            function batch_invert(success, mptr_start, mptr_end) -> ret {
                let gp_mptr := mptr_end
                let gp := mload(mptr_start)
                let mptr := add(mptr_start, 0x20)
                for
                    {}
                    lt(mptr, sub(mptr_end, 0x20))
                    {}
                {
                    gp := mulmod(gp, mload(mptr), R)
                    mstore(gp_mptr, gp)
                    mptr := add(mptr, 0x20)
                    gp_mptr := add(gp_mptr, 0x20)
                }
                gp := mulmod(gp, mload(mptr), R)

                mstore(gp_mptr, 0x20)
                mstore(add(gp_mptr, 0x20), 0x20)
                mstore(add(gp_mptr, 0x40), 0x20)
                mstore(add(gp_mptr, 0x60), gp)
                mstore(add(gp_mptr, 0x80), sub(R, 2))
                mstore(add(gp_mptr, 0xa0), R)
                ret := and(success, staticcall(gas(), 0x05, gp_mptr, 0xc0, gp_mptr, 0x20))
                let all_inv := mload(gp_mptr)

                let first_mptr := mptr_start
                let second_mptr := add(first_mptr, 0x20)
                gp_mptr := sub(gp_mptr, 0x20)
                for
                    {}
                    lt(second_mptr, mptr)
                    {}
                {
                    let inv := mulmod(all_inv, mload(gp_mptr), R)
                    all_inv := mulmod(all_inv, mload(mptr), R)
                    mstore(mptr, inv)
                    mptr := sub(mptr, 0x20)
                    gp_mptr := sub(gp_mptr, 0x20)
                }
                let inv_first := mulmod(all_inv, mload(second_mptr), R)
                let inv_second := mulmod(all_inv, mload(first_mptr), R)
                mstore(first_mptr, inv_first)
                mstore(second_mptr, inv_second)
            }

            // Add (x, y) into point at (0x00, 0x20).
            // Return updated (success).
            function ec_add_acc(success, x, y) -> ret {
                mstore(0x40, x)
                mstore(0x60, y)
                ret := and(success, staticcall(gas(), 0x06, 0x00, 0x80, 0x00, 0x40))
            }

            // Scale point at (0x00, 0x20) by scalar.
            function ec_mul_acc(success, scalar) -> ret {
                mstore(0x40, scalar)
                ret := and(success, staticcall(gas(), 0x07, 0x00, 0x60, 0x00, 0x40))
            }

            // Add (x, y) into point at (0x80, 0xa0).
            // Return updated (success).
            function ec_add_tmp(success, x, y) -> ret {
                mstore(0xc0, x)
                mstore(0xe0, y)
                ret := and(success, staticcall(gas(), 0x06, 0x80, 0x80, 0x80, 0x40))
            }

            // Scale point at (0x80, 0xa0) by scalar.
            // Return updated (success).
            function ec_mul_tmp(success, scalar) -> ret {
                mstore(0xc0, scalar)
                ret := and(success, staticcall(gas(), 0x07, 0x80, 0x60, 0x80, 0x40))
            }

            // Perform pairing check.
            // Return updated (success).
            function ec_pairing(success, lhs_x, lhs_y, rhs_x, rhs_y) -> ret {
                mstore(0x00, lhs_x)
                mstore(0x20, lhs_y)
                mstore(0x40, mload(G2_X_1_MPTR))
                mstore(0x60, mload(G2_X_2_MPTR))
                mstore(0x80, mload(G2_Y_1_MPTR))
                mstore(0xa0, mload(G2_Y_2_MPTR))
                mstore(0xc0, rhs_x)
                mstore(0xe0, rhs_y)
                mstore(0x100, mload(NEG_S_G2_X_1_MPTR))
                mstore(0x120, mload(NEG_S_G2_X_2_MPTR))
                mstore(0x140, mload(NEG_S_G2_Y_1_MPTR))
                mstore(0x160, mload(NEG_S_G2_Y_2_MPTR))
                ret := and(success, staticcall(gas(), 0x08, 0x00, 0x180, 0x00, 0x20))
                ret := and(ret, mload(0x00))
            }

            // Modulus
            let q := 21888242871839275222246405745257275088696311157297823662689037894645226208583 // BN254 base field
            let r := 21888242871839275222246405745257275088548364400416034343698204186575808495617 // BN254 scalar field 

            // Initialize success as true
            let success := true

            {
                // Load vk_digest and num_instances of vk into memory
                mstore(0x06c0, 0x080b17fc7455c31ef984b6b55cfc6415e1590dc0b4765db1b0ee0a7a7d6e4975) // vk_digest
                mstore(0x06e0, 0x0000000000000000000000000000000000000000000000000000000000000010) // num_instances

                // Check valid length of proof
                success := and(success, eq(0x10a0, proof.length))

                // Check valid length of instances
                let num_instances := mload(NUM_INSTANCES_MPTR)
                success := and(success, eq(num_instances, instances.length))

                // Absorb vk diegst
                mstore(0x00, mload(VK_DIGEST_MPTR))

                // Read instances and witness commitments and generate challenges
                let hash_mptr := 0x20
                let instance_cptr := instances.offset
                for
                    { let instance_cptr_end := add(instance_cptr, mul(0x20, num_instances)) }
                    lt(instance_cptr, instance_cptr_end)
                    {}
                {
                    let instance := calldataload(instance_cptr)
                    success := and(success, lt(instance, r))
                    mstore(hash_mptr, instance)
                    instance_cptr := add(instance_cptr, 0x20)
                    hash_mptr := add(hash_mptr, 0x20)
                }

                let proof_cptr := proof.offset
                let challenge_mptr := CHALLENGE_MPTR

                // Phase 1
                for
                    { let proof_cptr_end := add(proof_cptr, 0x0180) }
                    lt(proof_cptr, proof_cptr_end)
                    {}
                {
                    success, proof_cptr, hash_mptr := read_ec_point(success, proof_cptr, hash_mptr, q)
                }

                challenge_mptr, hash_mptr := squeeze_challenge(challenge_mptr, hash_mptr, r)

                // Phase 2
                for
                    { let proof_cptr_end := add(proof_cptr, 0x01c0) }
                    lt(proof_cptr, proof_cptr_end)
                    {}
                {
                    success, proof_cptr, hash_mptr := read_ec_point(success, proof_cptr, hash_mptr, q)
                }

                challenge_mptr, hash_mptr := squeeze_challenge(challenge_mptr, hash_mptr, r)
                challenge_mptr := squeeze_challenge_cont(challenge_mptr, r)

                // Phase 3
                for
                    { let proof_cptr_end := add(proof_cptr, 0x0280) }
                    lt(proof_cptr, proof_cptr_end)
                    {}
                {
                    success, proof_cptr, hash_mptr := read_ec_point(success, proof_cptr, hash_mptr, q)
                }

                challenge_mptr, hash_mptr := squeeze_challenge(challenge_mptr, hash_mptr, r)

                // Phase 4
                for
                    { let proof_cptr_end := add(proof_cptr, 0x01c0) }
                    lt(proof_cptr, proof_cptr_end)
                    {}
                {
                    success, proof_cptr, hash_mptr := read_ec_point(success, proof_cptr, hash_mptr, q)
                }

                challenge_mptr, hash_mptr := squeeze_challenge(challenge_mptr, hash_mptr, r)

                // Read evaluations
                for
                    { let proof_cptr_end := add(proof_cptr, 0x08a0) }
                    lt(proof_cptr, proof_cptr_end)
                    {}
                {
                    let eval := calldataload(proof_cptr)
                    success := and(success, lt(eval, r))
                    mstore(hash_mptr, eval)
                    proof_cptr := add(proof_cptr, 0x20)
                    hash_mptr := add(hash_mptr, 0x20)
                }

                // Read batch opening proof and generate challenges
                challenge_mptr, hash_mptr := squeeze_challenge(challenge_mptr, hash_mptr, r)       // zeta
                challenge_mptr := squeeze_challenge_cont(challenge_mptr, r)                        // nu

                success, proof_cptr, hash_mptr := read_ec_point(success, proof_cptr, hash_mptr, q) // W

                challenge_mptr, hash_mptr := squeeze_challenge(challenge_mptr, hash_mptr, r)       // mu

                success, proof_cptr, hash_mptr := read_ec_point(success, proof_cptr, hash_mptr, q) // W'

                // Load full vk into memory
                mstore(0x06c0, 0x080b17fc7455c31ef984b6b55cfc6415e1590dc0b4765db1b0ee0a7a7d6e4975) // vk_digest
                mstore(0x06e0, 0x0000000000000000000000000000000000000000000000000000000000000010) // num_instances
                mstore(0x0700, 0x000000000000000000000000000000000000000000000000000000000000000e) // k
                mstore(0x0720, 0x30638ce1a7661b6337a964756aa75257c6bf4778d89789ab819ce60c19b04001) // n_inv
                mstore(0x0740, 0x2337acd19f40bf2b2aa212849e9a0c07d626d9ca335d73a09119dbe6eaab3cac) // omega
                mstore(0x0760, 0x2f9c1d051b2a29bd1d13a09c1489aec5303c2fb2ac7d853ee7a58fdb65b90d7d) // omega_inv
                mstore(0x0780, 0x2c34760cd8ba6180d92ad9da798faeb6fbf85f3f63d3dfca54b3b798e4f5f37e) // omega_inv_to_l
                mstore(0x07a0, 0x0000000000000000000000000000000000000000000000000000000000000000) // has_accumulator
                mstore(0x07c0, 0x0000000000000000000000000000000000000000000000000000000000000000) // acc_offset
                mstore(0x07e0, 0x0000000000000000000000000000000000000000000000000000000000000000) // num_acc_limbs
                mstore(0x0800, 0x0000000000000000000000000000000000000000000000000000000000000000) // num_acc_limb_bits
                mstore(0x0820, 0x0000000000000000000000000000000000000000000000000000000000000001) // g1_x
                mstore(0x0840, 0x0000000000000000000000000000000000000000000000000000000000000002) // g1_y
                mstore(0x0860, 0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2) // g2_x_1
                mstore(0x0880, 0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed) // g2_x_2
                mstore(0x08a0, 0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b) // g2_y_1
                mstore(0x08c0, 0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa) // g2_y_2
                mstore(0x08e0, 0x2c20a274d05ce5bef48d1212dc55162a1975ccee9a32b8a71b9db14a25520bf3) // neg_s_g2_x_1
                mstore(0x0900, 0x0cf6d82cedec3030fe70d02431159ef30254833dd95790504a2d9630f518e151) // neg_s_g2_x_2
                mstore(0x0920, 0x033a3fc5ac7e11b2ae4fd04913373fe7ce0cc4a479564a4725bbfd3feb556966) // neg_s_g2_y_1
                mstore(0x0940, 0x2d28bb041af39c63376c292704f0ab89a71e838619a485fad08feb694380e228) // neg_s_g2_y_2
                mstore(0x0960, 0x1c83feb99f9b39765e3233224e945ae9b6d95a24e387439b18979f42e5a41675) // fixed_comms[0].x
                mstore(0x0980, 0x11ed00fa74bb1377205a29102f31b90573b4da28e2700e9ff563de71cb7dd326) // fixed_comms[0].y
                mstore(0x09a0, 0x00d2e6bbf877b0bd390f682b328121e6cdfbee464752fef06b496a7a17f31da8) // fixed_comms[1].x
                mstore(0x09c0, 0x104e9f61f5502c6f19e92a13a0d7b2c4a0077fc21129070f9d5b183f536e1c60) // fixed_comms[1].y
                mstore(0x09e0, 0x1b940533ef49ff2258e001fd8696774d3eb15a0bb4c673614731c5e77a6032aa) // fixed_comms[2].x
                mstore(0x0a00, 0x01564f805feea349cf171a8a984d46d985e9f34353396fd6f64c0c45c7388e1a) // fixed_comms[2].y
                mstore(0x0a20, 0x129924af90abbc2fb268b8d5ce9cc25339b01de5f790c54ca9e7c708a48a07e1) // fixed_comms[3].x
                mstore(0x0a40, 0x2d45f2fd80706113179130b14fffbcf9e6993f5382f57c6e1894c80c0cf128df) // fixed_comms[3].y
                mstore(0x0a60, 0x1a43d790eeab310da0055ed31aa0db490ab89e47ca95aabf871f6a01daa4226b) // fixed_comms[4].x
                mstore(0x0a80, 0x12845b2e9d1ecb79d56001e75cbe4db42f432ebbd17db1ced08bf781e422c1d2) // fixed_comms[4].y
                mstore(0x0aa0, 0x1511ff0d8c51830212d01a52856a893b31bd832cf51c78ecbb6b2f013abdf876) // fixed_comms[5].x
                mstore(0x0ac0, 0x04b94750028cabd3afdc5898ae675034bf1822cdda2e472cdefe2de9d31b3185) // fixed_comms[5].y
                mstore(0x0ae0, 0x301e895448dd127f18c44d4086a5dd27c08943cd591bdb0c34502bbbdbf84d00) // fixed_comms[6].x
                mstore(0x0b00, 0x1da7d98abb6da4b6b86b062b127b9956f2b1765ff7fd44ed111ce1c81a09c175) // fixed_comms[6].y
                mstore(0x0b20, 0x209c5f408f312a9c63b0eaf0651e398b808a4771fe63361d2f47d9236eb73817) // fixed_comms[7].x
                mstore(0x0b40, 0x13bb2b6e5c8dd20f08d4abf1af1c05c0f7a0b3ecbe3509aa79459a84f6ed6125) // fixed_comms[7].y
                mstore(0x0b60, 0x022fbeb610315e1eb47526b647428fe30e73e107f60695ba191b99deb94d1e49) // fixed_comms[8].x
                mstore(0x0b80, 0x164cfdca25a816d98e6b815bd5fccb77868cbf15734a41f6a0394c0bb65b6d70) // fixed_comms[8].y
                mstore(0x0ba0, 0x0000000000000000000000000000000000000000000000000000000000000000) // fixed_comms[9].x
                mstore(0x0bc0, 0x0000000000000000000000000000000000000000000000000000000000000000) // fixed_comms[9].y
                mstore(0x0be0, 0x1b52d8a88f7102d777a37015529b4f31882515d6c0340a760567d68b934208f3) // fixed_comms[10].x
                mstore(0x0c00, 0x04cd62fb4e6d934017e9f38d989ab27624dcd80b2a48a164d1455ba713d93838) // fixed_comms[10].y
                mstore(0x0c20, 0x0ba928c557440009eaa58bc095041d411510721ca3f79b9f67c5628bb0d29915) // fixed_comms[11].x
                mstore(0x0c40, 0x10fa9274b35a1ecc469fc7a53f3b90aad9a10ad66559313b6b13b133a326f68d) // fixed_comms[11].y
                mstore(0x0c60, 0x2406835165299c0103ee6c37ac89e12d8e8b9008b5a7af08867701994256e17e) // fixed_comms[12].x
                mstore(0x0c80, 0x1a758aaf26794c6b9b48a30590907aee00ce21071efa9918ac29882f9a82cce2) // fixed_comms[12].y
                mstore(0x0ca0, 0x175cb09403347d5c4b60849241d434155fd8f449899d3c6da69ffd4372a20dac) // fixed_comms[13].x
                mstore(0x0cc0, 0x0d2a05bd178eb8b29ae1741fe6acdd866ca2c32bb3339355e4da3d59bf487a8d) // fixed_comms[13].y
                mstore(0x0ce0, 0x0f1229892b52aa0d56128327d57ecfca7f44a33d78688ad5a8113e0420cda656) // fixed_comms[14].x
                mstore(0x0d00, 0x043e13b5975c2f55283055dba2cb0319d21dd9c5195a3ea89c19b3df94cb64ee) // fixed_comms[14].y
                mstore(0x0d20, 0x2105ed0405764ba9e17dde726ceba88663604fa9b095a1345707abe3ba46cfa7) // fixed_comms[15].x
                mstore(0x0d40, 0x0dd9f7fd40a7191b1a09910a1accc2e1a727081dd30c2c096f23735824928baa) // fixed_comms[15].y
                mstore(0x0d60, 0x05b9db5081577144824afd1616da7925571c55e2ecf7e255e04661d1bc50658e) // fixed_comms[16].x
                mstore(0x0d80, 0x02178e8b68da86dc90e8d405637f177c5ba146d3696cbfc3ff4f561e48e43664) // fixed_comms[16].y
                mstore(0x0da0, 0x2f95136447be3d0444aa7536d58e1b2ef4fd0e18e854c298c07cf9eef6ff1086) // fixed_comms[17].x
                mstore(0x0dc0, 0x16645cb1b6b8d0bc0900ed257c85b36210ab756ff48732d7dc08e3583d0141cc) // fixed_comms[17].y
                mstore(0x0de0, 0x148a18dd7a20dbde5f8365e876895759d014fb731fc05a47baf86ad1892a1f6e) // fixed_comms[18].x
                mstore(0x0e00, 0x23ef7cd2e8fe94e54d1cee7dd1b66b1af906df32665596f6ced0d583e7e3273b) // fixed_comms[18].y
                mstore(0x0e20, 0x29d7a2eda596a8b03f87c8d8f42b14703f684ce7aee360e2cbc736b96bb35410) // fixed_comms[19].x
                mstore(0x0e40, 0x21a8993b5bf0308c86f9f47a7fa8661af7dcbb8f247108e46ef34bea663ddf1e) // fixed_comms[19].y
                mstore(0x0e60, 0x1190d873e43cb86ea351f89fe317413d65f04d0cb8b4caf848cfdd47e365eeda) // fixed_comms[20].x
                mstore(0x0e80, 0x033042da5bed53d4e4a06882a13c9168a23e0d3bba8e18d06bd48dd738179d67) // fixed_comms[20].y
                mstore(0x0ea0, 0x0000000000000000000000000000000000000000000000000000000000000000) // fixed_comms[21].x
                mstore(0x0ec0, 0x0000000000000000000000000000000000000000000000000000000000000000) // fixed_comms[21].y
                mstore(0x0ee0, 0x204a7c1133127b8474a886ccb042a5eecd0ba904f5d8e86e7ae46b87f5f5fb5d) // permutation_comms[0].x
                mstore(0x0f00, 0x2a172b5babb98c01eb1db44beef39ec4630729618c0019925c55f44c32f4bdd5) // permutation_comms[0].y
                mstore(0x0f20, 0x22d102673527fd7912e6142bad147cddf4a4df67d1b563e910c932782abceef1) // permutation_comms[1].x
                mstore(0x0f40, 0x1f9b4e883c2ea63ab40dad888ba928cee15eae3b7e4d68b8c21282b22e76cb7b) // permutation_comms[1].y
                mstore(0x0f60, 0x2f4eb256d4ce507f80bfedaec404fd2cbe0a1246306f72487d73d7b56c72858a) // permutation_comms[2].x
                mstore(0x0f80, 0x1e108f0a3b26e1ecb8f685cc9e66ed2328aae933785fcd78d759ce747b997e5b) // permutation_comms[2].y
                mstore(0x0fa0, 0x1384f91de44a60e47ba8825f423aefcc2c517806a7620f6f9ac01a558cd52bbd) // permutation_comms[3].x
                mstore(0x0fc0, 0x0d90b781a4d66e6df1af88070f8fc4f19a916abcf8c6a71ccceb7ada4f0a4606) // permutation_comms[3].y
                mstore(0x0fe0, 0x0953414a557fbbf04b84a2b9de303d2a0844fa6db14472870b24f85b7ce89c51) // permutation_comms[4].x
                mstore(0x1000, 0x0efe56ef9ca663abc0423ef12ce6cfcae02b81cc0adff4c9e585539e72f44190) // permutation_comms[4].y
                mstore(0x1020, 0x26a2da7be48911e100214e11e85c9ed86fa1c1eda02fc0979fb267d5227391f1) // permutation_comms[5].x
                mstore(0x1040, 0x1c56c3f3b6926c2ba18ad37984a716c39cad1a505e231a8510fb698b4e2668c9) // permutation_comms[5].y
                mstore(0x1060, 0x13ac10cbe29658ade98ee5b9fb3d5b4d4bfedbdc663998ed7880e0c048557207) // permutation_comms[6].x
                mstore(0x1080, 0x1b915c0c1270e1937e7e00ef61e2181cc73afe8b57dc06b6a4085f98e9d7af91) // permutation_comms[6].y
                mstore(0x10a0, 0x277a0eb41c3515c5018686fa6b59189177822a0ad9f2fe0b45d1c821f579bc1f) // permutation_comms[7].x
                mstore(0x10c0, 0x0488320443c92cb3b01717508b5fcf15fc33c43e0680db5219fd796304635580) // permutation_comms[7].y
                mstore(0x10e0, 0x2aa112e7c964dfe8bb22b55f0e0d1023497ed0a143c17b0a2d10b24a94ed2c2b) // permutation_comms[8].x
                mstore(0x1100, 0x2855ca1ac0e0ecde2913b9414edab5bc65dfa6133c70a4c9c3ca4ddbc2547ecc) // permutation_comms[8].y

                // Read accumulator from instances
                if mload(HAS_ACCUMULATOR_MPTR) {
                    let num_limbs := mload(NUM_ACC_LIMBS_MPTR)
                    let num_limb_bits := mload(NUM_ACC_LIMB_BITS_MPTR)

                    let cptr := add(instances.offset, mul(mload(ACC_OFFSET_MPTR), 0x20))
                    let lhs_y_off := mul(num_limbs, 0x20)
                    let rhs_x_off := mul(lhs_y_off, 2)
                    let rhs_y_off := mul(lhs_y_off, 3)
                    let lhs_x := calldataload(cptr)
                    let lhs_y := calldataload(add(cptr, lhs_y_off))
                    let rhs_x := calldataload(add(cptr, rhs_x_off))
                    let rhs_y := calldataload(add(cptr, rhs_y_off))
                    for
                        {
                            let cptr_end := add(cptr, mul(0x20, num_limbs))
                            let shift := num_limb_bits
                        }
                        lt(cptr, cptr_end)
                        {}
                    {
                        cptr := add(cptr, 0x20)
                        lhs_x := add(lhs_x, shl(shift, calldataload(cptr)))
                        lhs_y := add(lhs_y, shl(shift, calldataload(add(cptr, lhs_y_off))))
                        rhs_x := add(rhs_x, shl(shift, calldataload(add(cptr, rhs_x_off))))
                        rhs_y := add(rhs_y, shl(shift, calldataload(add(cptr, rhs_y_off))))
                        shift := add(shift, num_limb_bits)
                    }

                    success := and(success, eq(mulmod(lhs_y, lhs_y, q), addmod(mulmod(lhs_x, mulmod(lhs_x, lhs_x, q), q), 3, q)))
                    success := and(success, eq(mulmod(rhs_y, rhs_y, q), addmod(mulmod(rhs_x, mulmod(rhs_x, rhs_x, q), q), 3, q)))

                    mstore(ACC_LHS_X_MPTR, lhs_x)
                    mstore(ACC_LHS_Y_MPTR, lhs_y)
                    mstore(ACC_RHS_X_MPTR, rhs_x)
                    mstore(ACC_RHS_Y_MPTR, rhs_y)
                }

                pop(q)
            }

            // Revert earlier if anything from calldata is invalid
            if iszero(success) {
                revert(0, 0)
            }

            // Compute lagrange evaluations and instance evaluation
            {
                let k := mload(K_MPTR)
                let x := mload(X_MPTR)
                let x_n := x
                for
                    { let idx := 0 }
                    lt(idx, k)
                    { idx := add(idx, 1) }
                {
                    x_n := mulmod(x_n, x_n, r)
                }

                let omega := mload(OMEGA_MPTR)

                let mptr := X_N_MPTR
                let mptr_end := add(mptr, mul(0x20, add(mload(NUM_INSTANCES_MPTR), 6)))
                if iszero(mload(NUM_INSTANCES_MPTR)) {
                    mptr_end := add(mptr_end, 0x20)
                }
                for
                    { let pow_of_omega := mload(OMEGA_INV_TO_L_MPTR) }
                    lt(mptr, mptr_end)
                    { mptr := add(mptr, 0x20) }
                {
                    mstore(mptr, addmod(x, sub(r, pow_of_omega), r))
                    pow_of_omega := mulmod(pow_of_omega, omega, r)
                }
                let x_n_minus_1 := addmod(x_n, sub(r, 1), r)
                mstore(mptr_end, x_n_minus_1)
                success := batch_invert(success, X_N_MPTR, add(mptr_end, 0x20))

                mptr := X_N_MPTR
                let l_i_common := mulmod(x_n_minus_1, mload(N_INV_MPTR), r)
                for
                    { let pow_of_omega := mload(OMEGA_INV_TO_L_MPTR) }
                    lt(mptr, mptr_end)
                    { mptr := add(mptr, 0x20) }
                {
                    mstore(mptr, mulmod(l_i_common, mulmod(mload(mptr), pow_of_omega, r), r))
                    pow_of_omega := mulmod(pow_of_omega, omega, r)
                }

                let l_blind := mload(add(X_N_MPTR, 0x20))
                let l_i_cptr := add(X_N_MPTR, 0x40)
                for
                    { let l_i_cptr_end := add(X_N_MPTR, 0xc0) }
                    lt(l_i_cptr, l_i_cptr_end)
                    { l_i_cptr := add(l_i_cptr, 0x20) }
                {
                    l_blind := addmod(l_blind, mload(l_i_cptr), r)
                }

                let instance_eval := 0
                for
                    {
                        let instance_cptr := instances.offset
                        let instance_cptr_end := add(instance_cptr, mul(0x20, mload(NUM_INSTANCES_MPTR)))
                    }
                    lt(instance_cptr, instance_cptr_end)
                    {
                        instance_cptr := add(instance_cptr, 0x20)
                        l_i_cptr := add(l_i_cptr, 0x20)
                    }
                {
                    instance_eval := addmod(instance_eval, mulmod(mload(l_i_cptr), calldataload(instance_cptr), r), r)
                }

                let x_n_minus_1_inv := mload(mptr_end)
                let l_last := mload(X_N_MPTR)
                let l_0 := mload(add(X_N_MPTR, 0xc0))

                mstore(X_N_MPTR, x_n)
                mstore(X_N_MINUS_1_INV_MPTR, x_n_minus_1_inv)
                mstore(L_LAST_MPTR, l_last)
                mstore(L_BLIND_MPTR, l_blind)
                mstore(L_0_MPTR, l_0)
                mstore(INSTANCE_EVAL_MPTR, instance_eval)
            }

            // Compute quotient evavluation
            {
                let quotient_eval_numer
                let y := mload(Y_MPTR)
                {
                    let f_19 := calldataload(0x0ba4)
                    let var0 := 0x2
                    let var1 := sub(R, f_19)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_19, var2, R)
                    let var4 := 0x3
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_3 := calldataload(0x0844)
                    let f_1 := calldataload(0x09a4)
                    let var7 := addmod(a_3, f_1, R)
                    let var8 := mulmod(var7, var7, R)
                    let var9 := mulmod(var8, var8, R)
                    let var10 := mulmod(var9, var7, R)
                    let var11 := mulmod(var10, 0x66f6f85d6f68a85ec10345351a23a3aaf07f38af8c952a7bceca70bd2af7ad5, R)
                    let a_4 := calldataload(0x0864)
                    let f_2 := calldataload(0x09c4)
                    let var12 := addmod(a_4, f_2, R)
                    let var13 := mulmod(var12, var12, R)
                    let var14 := mulmod(var13, var13, R)
                    let var15 := mulmod(var14, var12, R)
                    let var16 := mulmod(var15, 0x2b9d4b4110c9ae997782e1509b1d0fdb20a7c02bbd8bea7305462b9f8125b1e8, R)
                    let var17 := addmod(var11, var16, R)
                    let a_3_next_1 := calldataload(0x0884)
                    let var18 := sub(R, a_3_next_1)
                    let var19 := addmod(var17, var18, R)
                    let var20 := mulmod(var6, var19, R)
                    quotient_eval_numer := var20
                }
                {
                    let f_19 := calldataload(0x0ba4)
                    let var0 := 0x2
                    let var1 := sub(R, f_19)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_19, var2, R)
                    let var4 := 0x3
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_3 := calldataload(0x0844)
                    let f_1 := calldataload(0x09a4)
                    let var7 := addmod(a_3, f_1, R)
                    let var8 := mulmod(var7, var7, R)
                    let var9 := mulmod(var8, var8, R)
                    let var10 := mulmod(var9, var7, R)
                    let var11 := mulmod(var10, 0xcc57cdbb08507d62bf67a4493cc262fb6c09d557013fff1f573f431221f8ff9, R)
                    let a_4 := calldataload(0x0864)
                    let f_2 := calldataload(0x09c4)
                    let var12 := addmod(a_4, f_2, R)
                    let var13 := mulmod(var12, var12, R)
                    let var14 := mulmod(var13, var13, R)
                    let var15 := mulmod(var14, var12, R)
                    let var16 := mulmod(var15, 0x1274e649a32ed355a31a6ed69724e1adade857e86eb5c3a121bcd147943203c8, R)
                    let var17 := addmod(var11, var16, R)
                    let a_4_next_1 := calldataload(0x08a4)
                    let var18 := sub(R, a_4_next_1)
                    let var19 := addmod(var17, var18, R)
                    let var20 := mulmod(var6, var19, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var20, r)
                }
                {
                    let f_19 := calldataload(0x0ba4)
                    let var0 := 0x1
                    let var1 := sub(R, f_19)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_19, var2, R)
                    let var4 := 0x3
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_3 := calldataload(0x0844)
                    let f_1 := calldataload(0x09a4)
                    let var7 := addmod(a_3, f_1, R)
                    let var8 := mulmod(var7, var7, R)
                    let var9 := mulmod(var8, var8, R)
                    let var10 := mulmod(var9, var7, R)
                    let a_5 := calldataload(0x08c4)
                    let var11 := sub(R, a_5)
                    let var12 := addmod(var10, var11, R)
                    let var13 := mulmod(var6, var12, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var13, r)
                }
                {
                    let f_19 := calldataload(0x0ba4)
                    let var0 := 0x1
                    let var1 := sub(R, f_19)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_19, var2, R)
                    let var4 := 0x3
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_5 := calldataload(0x08c4)
                    let var7 := mulmod(a_5, 0x66f6f85d6f68a85ec10345351a23a3aaf07f38af8c952a7bceca70bd2af7ad5, R)
                    let a_4 := calldataload(0x0864)
                    let f_2 := calldataload(0x09c4)
                    let var8 := addmod(a_4, f_2, R)
                    let var9 := mulmod(var8, 0x2b9d4b4110c9ae997782e1509b1d0fdb20a7c02bbd8bea7305462b9f8125b1e8, R)
                    let var10 := addmod(var7, var9, R)
                    let f_3 := calldataload(0x0964)
                    let var11 := addmod(var10, f_3, R)
                    let var12 := mulmod(var11, var11, R)
                    let var13 := mulmod(var12, var12, R)
                    let var14 := mulmod(var13, var11, R)
                    let a_3_next_1 := calldataload(0x0884)
                    let var15 := mulmod(a_3_next_1, 0x13abec390ada7f4370819ab1c7846f210554569d9b29d1ea8dbebd0fa8c53e66, R)
                    let a_4_next_1 := calldataload(0x08a4)
                    let var16 := mulmod(a_4_next_1, 0x1eb9e1dc19a33a624c9862a1d97d1510bd521ead5dfe0345aaf6185b1a1e60fe, R)
                    let var17 := addmod(var15, var16, R)
                    let var18 := sub(R, var17)
                    let var19 := addmod(var14, var18, R)
                    let var20 := mulmod(var6, var19, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var20, r)
                }
                {
                    let f_19 := calldataload(0x0ba4)
                    let var0 := 0x1
                    let var1 := sub(R, f_19)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_19, var2, R)
                    let var4 := 0x3
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_5 := calldataload(0x08c4)
                    let var7 := mulmod(a_5, 0xcc57cdbb08507d62bf67a4493cc262fb6c09d557013fff1f573f431221f8ff9, R)
                    let a_4 := calldataload(0x0864)
                    let f_2 := calldataload(0x09c4)
                    let var8 := addmod(a_4, f_2, R)
                    let var9 := mulmod(var8, 0x1274e649a32ed355a31a6ed69724e1adade857e86eb5c3a121bcd147943203c8, R)
                    let var10 := addmod(var7, var9, R)
                    let f_4 := calldataload(0x0984)
                    let var11 := addmod(var10, f_4, R)
                    let a_3_next_1 := calldataload(0x0884)
                    let var12 := mulmod(a_3_next_1, 0xfc1c9394db89bb2601abc49fdad4f038ce5169030a2ad69763f7875036bcb02, R)
                    let a_4_next_1 := calldataload(0x08a4)
                    let var13 := mulmod(a_4_next_1, 0x16a9e98c493a902b9502054edc03e7b22b7eac34345961bc8abced6bd147c8be, R)
                    let var14 := addmod(var12, var13, R)
                    let var15 := sub(R, var14)
                    let var16 := addmod(var11, var15, R)
                    let var17 := mulmod(var6, var16, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var17, r)
                }
                {
                    let f_19 := calldataload(0x0ba4)
                    let var0 := 0x1
                    let var1 := sub(R, f_19)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_19, var2, R)
                    let var4 := 0x2
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_3_prev_1 := calldataload(0x0904)
                    let a_3 := calldataload(0x0844)
                    let var7 := addmod(a_3_prev_1, a_3, R)
                    let a_3_next_1 := calldataload(0x0884)
                    let var8 := sub(R, a_3_next_1)
                    let var9 := addmod(var7, var8, R)
                    let var10 := mulmod(var6, var9, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var10, r)
                }
                {
                    let f_19 := calldataload(0x0ba4)
                    let var0 := 0x1
                    let var1 := sub(R, f_19)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_19, var2, R)
                    let var4 := 0x2
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_4_prev_1 := calldataload(0x08e4)
                    let a_4_next_1 := calldataload(0x08a4)
                    let var7 := sub(R, a_4_next_1)
                    let var8 := addmod(a_4_prev_1, var7, R)
                    let var9 := mulmod(var6, var8, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var9, r)
                }
                {
                    let f_20 := calldataload(0x0bc4)
                    let var0 := 0x2
                    let var1 := sub(R, f_20)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_20, var2, R)
                    let var4 := 0x3
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let var7 := 0x4
                    let var8 := addmod(var7, var1, R)
                    let var9 := mulmod(var6, var8, R)
                    let var10 := 0x5
                    let var11 := addmod(var10, var1, R)
                    let var12 := mulmod(var9, var11, R)
                    let var13 := 0x6
                    let var14 := addmod(var13, var1, R)
                    let var15 := mulmod(var12, var14, R)
                    let a_2 := calldataload(0x0824)
                    let a_0 := calldataload(0x07e4)
                    let a_1 := calldataload(0x0804)
                    let var16 := addmod(a_0, a_1, R)
                    let var17 := sub(R, var16)
                    let var18 := addmod(a_2, var17, R)
                    let var19 := mulmod(var15, var18, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var19, r)
                }
                {
                    let f_20 := calldataload(0x0bc4)
                    let var0 := 0x1
                    let var1 := sub(R, f_20)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_20, var2, R)
                    let var4 := 0x2
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let var7 := 0x4
                    let var8 := addmod(var7, var1, R)
                    let var9 := mulmod(var6, var8, R)
                    let var10 := 0x5
                    let var11 := addmod(var10, var1, R)
                    let var12 := mulmod(var9, var11, R)
                    let var13 := 0x6
                    let var14 := addmod(var13, var1, R)
                    let var15 := mulmod(var12, var14, R)
                    let a_2 := calldataload(0x0824)
                    let a_0 := calldataload(0x07e4)
                    let a_1 := calldataload(0x0804)
                    let var16 := mulmod(a_0, a_1, R)
                    let var17 := sub(R, var16)
                    let var18 := addmod(a_2, var17, R)
                    let var19 := mulmod(var15, var18, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var19, r)
                }
                {
                    let f_20 := calldataload(0x0bc4)
                    let var0 := 0x1
                    let var1 := sub(R, f_20)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_20, var2, R)
                    let var4 := 0x3
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let var7 := 0x4
                    let var8 := addmod(var7, var1, R)
                    let var9 := mulmod(var6, var8, R)
                    let var10 := 0x5
                    let var11 := addmod(var10, var1, R)
                    let var12 := mulmod(var9, var11, R)
                    let var13 := 0x6
                    let var14 := addmod(var13, var1, R)
                    let var15 := mulmod(var12, var14, R)
                    let a_2 := calldataload(0x0824)
                    let a_0 := calldataload(0x07e4)
                    let a_1 := calldataload(0x0804)
                    let var16 := sub(R, a_1)
                    let var17 := addmod(a_0, var16, R)
                    let var18 := sub(R, var17)
                    let var19 := addmod(a_2, var18, R)
                    let var20 := mulmod(var15, var19, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var20, r)
                }
                {
                    let f_20 := calldataload(0x0bc4)
                    let var0 := 0x1
                    let var1 := sub(R, f_20)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_20, var2, R)
                    let var4 := 0x2
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let var7 := 0x3
                    let var8 := addmod(var7, var1, R)
                    let var9 := mulmod(var6, var8, R)
                    let var10 := 0x4
                    let var11 := addmod(var10, var1, R)
                    let var12 := mulmod(var9, var11, R)
                    let var13 := 0x6
                    let var14 := addmod(var13, var1, R)
                    let var15 := mulmod(var12, var14, R)
                    let a_2 := calldataload(0x0824)
                    let a_2_prev_1 := calldataload(0x0924)
                    let var16 := 0x0
                    let a_0 := calldataload(0x07e4)
                    let a_1 := calldataload(0x0804)
                    let var17 := mulmod(a_0, a_1, R)
                    let var18 := addmod(var16, var17, R)
                    let var19 := addmod(a_2_prev_1, var18, R)
                    let var20 := sub(R, var19)
                    let var21 := addmod(a_2, var20, R)
                    let var22 := mulmod(var15, var21, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var22, r)
                }
                {
                    let f_20 := calldataload(0x0bc4)
                    let var0 := 0x1
                    let var1 := sub(R, f_20)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_20, var2, R)
                    let var4 := 0x2
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let var7 := 0x3
                    let var8 := addmod(var7, var1, R)
                    let var9 := mulmod(var6, var8, R)
                    let var10 := 0x5
                    let var11 := addmod(var10, var1, R)
                    let var12 := mulmod(var9, var11, R)
                    let var13 := 0x6
                    let var14 := addmod(var13, var1, R)
                    let var15 := mulmod(var12, var14, R)
                    let a_2 := calldataload(0x0824)
                    let var16 := 0x0
                    let a_0 := calldataload(0x07e4)
                    let a_1 := calldataload(0x0804)
                    let var17 := mulmod(a_0, a_1, R)
                    let var18 := addmod(var16, var17, R)
                    let var19 := sub(R, var18)
                    let var20 := addmod(a_2, var19, R)
                    let var21 := mulmod(var15, var20, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var21, r)
                }
                {
                    let f_21 := calldataload(0x0be4)
                    let var0 := 0x2
                    let var1 := sub(R, f_21)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_21, var2, R)
                    let var4 := 0x3
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_2 := calldataload(0x0824)
                    let var7 := 0x1
                    let a_1 := calldataload(0x0804)
                    let var8 := mulmod(var7, a_1, R)
                    let var9 := sub(R, var8)
                    let var10 := addmod(a_2, var9, R)
                    let var11 := mulmod(var6, var10, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var11, r)
                }
                {
                    let f_20 := calldataload(0x0bc4)
                    let var0 := 0x1
                    let var1 := sub(R, f_20)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_20, var2, R)
                    let var4 := 0x2
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let var7 := 0x3
                    let var8 := addmod(var7, var1, R)
                    let var9 := mulmod(var6, var8, R)
                    let var10 := 0x4
                    let var11 := addmod(var10, var1, R)
                    let var12 := mulmod(var9, var11, R)
                    let var13 := 0x5
                    let var14 := addmod(var13, var1, R)
                    let var15 := mulmod(var12, var14, R)
                    let a_2 := calldataload(0x0824)
                    let a_2_prev_1 := calldataload(0x0924)
                    let a_1 := calldataload(0x0804)
                    let var16 := mulmod(var0, a_1, R)
                    let var17 := mulmod(a_2_prev_1, var16, R)
                    let var18 := sub(R, var17)
                    let var19 := addmod(a_2, var18, R)
                    let var20 := mulmod(var15, var19, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var20, r)
                }
                {
                    let f_21 := calldataload(0x0be4)
                    let var0 := 0x1
                    let var1 := sub(R, f_21)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_21, var2, R)
                    let var4 := 0x2
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_2 := calldataload(0x0824)
                    let var7 := 0x0
                    let a_1 := calldataload(0x0804)
                    let var8 := addmod(var7, a_1, R)
                    let var9 := sub(R, var8)
                    let var10 := addmod(a_2, var9, R)
                    let var11 := mulmod(var6, var10, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var11, r)
                }
                {
                    let f_21 := calldataload(0x0be4)
                    let var0 := 0x1
                    let var1 := sub(R, f_21)
                    let var2 := addmod(var0, var1, R)
                    let var3 := mulmod(f_21, var2, R)
                    let var4 := 0x3
                    let var5 := addmod(var4, var1, R)
                    let var6 := mulmod(var3, var5, R)
                    let a_2 := calldataload(0x0824)
                    let a_2_prev_1 := calldataload(0x0924)
                    let var7 := 0x0
                    let a_1 := calldataload(0x0804)
                    let var8 := addmod(var7, a_1, R)
                    let var9 := addmod(a_2_prev_1, var8, R)
                    let var10 := sub(R, var9)
                    let var11 := addmod(a_2, var10, R)
                    let var12 := mulmod(var6, var11, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var12, r)
                }
                {
                    let f_16 := calldataload(0x0b44)
                    let var0 := 0x1
                    let a_1 := calldataload(0x0804)
                    let var1 := 0x0
                    let var2 := sub(R, var1)
                    let var3 := addmod(a_1, var2, R)
                    let var4 := mulmod(var0, var3, R)
                    let var5 := sub(R, var0)
                    let var6 := addmod(a_1, var5, R)
                    let var7 := mulmod(var4, var6, R)
                    let var8 := 0x2
                    let var9 := sub(R, var8)
                    let var10 := addmod(a_1, var9, R)
                    let var11 := mulmod(var7, var10, R)
                    let var12 := 0x3
                    let var13 := sub(R, var12)
                    let var14 := addmod(a_1, var13, R)
                    let var15 := mulmod(var11, var14, R)
                    let var16 := mulmod(f_16, var15, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var16, r)
                }
                {
                    let f_17 := calldataload(0x0b64)
                    let var0 := 0x0
                    let var1 := mulmod(f_17, var0, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var1, r)
                }
                {
                    let f_18 := calldataload(0x0b84)
                    let var0 := 0x1
                    let a_1 := calldataload(0x0804)
                    let var1 := 0x0
                    let var2 := sub(R, var1)
                    let var3 := addmod(a_1, var2, R)
                    let var4 := mulmod(var0, var3, R)
                    let var5 := sub(R, var0)
                    let var6 := addmod(a_1, var5, R)
                    let var7 := mulmod(var4, var6, R)
                    let var8 := mulmod(f_18, var7, R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), var8, r)
                }
                {
                    let l_0 := mload(L_0_MPTR)
                    let eval := addmod(l_0, sub(R, mulmod(l_0, calldataload(0x0d44), R)), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let perm_z_last := calldataload(0x0da4)
                    let eval := mulmod(mload(L_LAST_MPTR), addmod(mulmod(perm_z_last, perm_z_last, R), sub(R, perm_z_last), R), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let eval := mulmod(mload(L_0_MPTR), addmod(calldataload(0x0da4), sub(R, calldataload(0x0d84)), R), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let gamma := mload(GAMMA_MPTR)
                    let beta := mload(BETA_MPTR)
                    let lhs := calldataload(0x0d64)
                    let rhs := calldataload(0x0d44)
                    lhs := mulmod(lhs, addmod(addmod(calldataload(0x07e4), mulmod(beta, calldataload(0x0c24), R), R), gamma, R), R)
                    lhs := mulmod(lhs, addmod(addmod(calldataload(0x0804), mulmod(beta, calldataload(0x0c44), R), R), gamma, R), R)
                    lhs := mulmod(lhs, addmod(addmod(calldataload(0x0824), mulmod(beta, calldataload(0x0c64), R), R), gamma, R), R)
                    lhs := mulmod(lhs, addmod(addmod(calldataload(0x0944), mulmod(beta, calldataload(0x0c84), R), R), gamma, R), R)
                    lhs := mulmod(lhs, addmod(addmod(calldataload(0x0844), mulmod(beta, calldataload(0x0ca4), R), R), gamma, R), R)
                    lhs := mulmod(lhs, addmod(addmod(calldataload(0x0864), mulmod(beta, calldataload(0x0cc4), R), R), gamma, R), R)
                    mstore(0x00, mulmod(beta, mload(X_MPTR), R))
                    rhs := mulmod(rhs, addmod(addmod(calldataload(0x07e4), mload(0x00), R), gamma, R), R)
                    mstore(0x00, mulmod(mload(0x00), DELTA, R))
                    rhs := mulmod(rhs, addmod(addmod(calldataload(0x0804), mload(0x00), R), gamma, R), R)
                    mstore(0x00, mulmod(mload(0x00), DELTA, R))
                    rhs := mulmod(rhs, addmod(addmod(calldataload(0x0824), mload(0x00), R), gamma, R), R)
                    mstore(0x00, mulmod(mload(0x00), DELTA, R))
                    rhs := mulmod(rhs, addmod(addmod(calldataload(0x0944), mload(0x00), R), gamma, R), R)
                    mstore(0x00, mulmod(mload(0x00), DELTA, R))
                    rhs := mulmod(rhs, addmod(addmod(calldataload(0x0844), mload(0x00), R), gamma, R), R)
                    mstore(0x00, mulmod(mload(0x00), DELTA, R))
                    rhs := mulmod(rhs, addmod(addmod(calldataload(0x0864), mload(0x00), R), gamma, R), R)
                    mstore(0x00, mulmod(mload(0x00), DELTA, R))
                    let left_sub_right := addmod(lhs, sub(R, rhs), R)
                    let eval := addmod(left_sub_right, sub(R, mulmod(left_sub_right, addmod(mload(L_LAST_MPTR), mload(L_BLIND_MPTR), R), R)), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let gamma := mload(GAMMA_MPTR)
                    let beta := mload(BETA_MPTR)
                    let lhs := calldataload(0x0dc4)
                    let rhs := calldataload(0x0da4)
                    lhs := mulmod(lhs, addmod(addmod(calldataload(0x0964), mulmod(beta, calldataload(0x0ce4), R), R), gamma, R), R)
                    lhs := mulmod(lhs, addmod(addmod(mload(INSTANCE_EVAL_MPTR), mulmod(beta, calldataload(0x0d04), R), R), gamma, R), R)
                    lhs := mulmod(lhs, addmod(addmod(calldataload(0x0984), mulmod(beta, calldataload(0x0d24), R), R), gamma, R), R)
                    rhs := mulmod(rhs, addmod(addmod(calldataload(0x0964), mload(0x00), R), gamma, R), R)
                    mstore(0x00, mulmod(mload(0x00), DELTA, R))
                    rhs := mulmod(rhs, addmod(addmod(mload(INSTANCE_EVAL_MPTR), mload(0x00), R), gamma, R), R)
                    mstore(0x00, mulmod(mload(0x00), DELTA, R))
                    rhs := mulmod(rhs, addmod(addmod(calldataload(0x0984), mload(0x00), R), gamma, R), R)
                    let left_sub_right := addmod(lhs, sub(R, rhs), R)
                    let eval := addmod(left_sub_right, sub(R, mulmod(left_sub_right, addmod(mload(L_LAST_MPTR), mload(L_BLIND_MPTR), R), R)), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_0 := mload(L_0_MPTR)
                    let eval := mulmod(l_0, calldataload(0x0de4), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_last := mload(L_LAST_MPTR)
                    let eval := mulmod(l_last, calldataload(0x0de4), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let theta := mload(THETA_MPTR)
                    let beta := mload(BETA_MPTR)
                    let table
                    {
                        let f_13 := calldataload(0x0ae4)
                        table := f_13
                        table := addmod(table, beta, R)
                    }
                    let input_0
                    {
                        let f_17 := calldataload(0x0b64)
                        let var0 := 0x1
                        let var1 := mulmod(f_17, var0, R)
                        let a_0 := calldataload(0x07e4)
                        let var2 := mulmod(var1, a_0, R)
                        let var3 := sub(R, var1)
                        let var4 := addmod(var0, var3, R)
                        let var5 := 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000
                        let var6 := mulmod(var4, var5, R)
                        let var7 := addmod(var2, var6, R)
                        input_0 := var7
                        input_0 := addmod(input_0, beta, R)
                    }
                    let lhs
                    let rhs
                    rhs := table
                    {
                        let tmp := input_0
                        rhs := addmod(rhs, sub(R, mulmod(calldataload(0x0e24), tmp, R)), R)
                        lhs := mulmod(mulmod(table, tmp, R), addmod(calldataload(0x0e04), sub(R, calldataload(0x0de4)), R), R)
                    }
                    let eval := mulmod(addmod(1, sub(R, addmod(mload(L_BLIND_MPTR), mload(L_LAST_MPTR), R)), R), addmod(lhs, sub(R, rhs), R), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_0 := mload(L_0_MPTR)
                    let eval := mulmod(l_0, calldataload(0x0e44), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_last := mload(L_LAST_MPTR)
                    let eval := mulmod(l_last, calldataload(0x0e44), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let theta := mload(THETA_MPTR)
                    let beta := mload(BETA_MPTR)
                    let table
                    {
                        let f_14 := calldataload(0x0b04)
                        table := f_14
                        table := addmod(table, beta, R)
                    }
                    let input_0
                    {
                        let f_18 := calldataload(0x0b84)
                        let var0 := 0x1
                        let a_1 := calldataload(0x0804)
                        let var1 := sub(R, a_1)
                        let var2 := addmod(var0, var1, R)
                        let var3 := mulmod(var0, var2, R)
                        let var4 := mulmod(var0, var3, R)
                        let var5 := mulmod(f_18, var4, R)
                        let a_0 := calldataload(0x07e4)
                        let var6 := mulmod(var5, a_0, R)
                        let var7 := sub(R, var5)
                        let var8 := addmod(var0, var7, R)
                        let var9 := 0x0
                        let var10 := mulmod(var8, var9, R)
                        let var11 := addmod(var6, var10, R)
                        input_0 := var11
                        input_0 := addmod(input_0, beta, R)
                    }
                    let lhs
                    let rhs
                    rhs := table
                    {
                        let tmp := input_0
                        rhs := addmod(rhs, sub(R, mulmod(calldataload(0x0e84), tmp, R)), R)
                        lhs := mulmod(mulmod(table, tmp, R), addmod(calldataload(0x0e64), sub(R, calldataload(0x0e44)), R), R)
                    }
                    let eval := mulmod(addmod(1, sub(R, addmod(mload(L_BLIND_MPTR), mload(L_LAST_MPTR), R)), R), addmod(lhs, sub(R, rhs), R), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_0 := mload(L_0_MPTR)
                    let eval := mulmod(l_0, calldataload(0x0ea4), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_last := mload(L_LAST_MPTR)
                    let eval := mulmod(l_last, calldataload(0x0ea4), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let theta := mload(THETA_MPTR)
                    let beta := mload(BETA_MPTR)
                    let table
                    {
                        let f_15 := calldataload(0x0b24)
                        table := f_15
                        table := addmod(table, beta, R)
                    }
                    let input_0
                    {
                        let f_18 := calldataload(0x0b84)
                        let var0 := 0x1
                        let a_1 := calldataload(0x0804)
                        let var1 := mulmod(var0, a_1, R)
                        let var2 := mulmod(var1, var0, R)
                        let var3 := mulmod(f_18, var2, R)
                        let a_0 := calldataload(0x07e4)
                        let var4 := mulmod(var3, a_0, R)
                        let var5 := sub(R, var3)
                        let var6 := addmod(var0, var5, R)
                        let var7 := 0x3ff8
                        let var8 := mulmod(var6, var7, R)
                        let var9 := addmod(var4, var8, R)
                        input_0 := var9
                        input_0 := addmod(input_0, beta, R)
                    }
                    let lhs
                    let rhs
                    rhs := table
                    {
                        let tmp := input_0
                        rhs := addmod(rhs, sub(R, mulmod(calldataload(0x0ee4), tmp, R)), R)
                        lhs := mulmod(mulmod(table, tmp, R), addmod(calldataload(0x0ec4), sub(R, calldataload(0x0ea4)), R), R)
                    }
                    let eval := mulmod(addmod(1, sub(R, addmod(mload(L_BLIND_MPTR), mload(L_LAST_MPTR), R)), R), addmod(lhs, sub(R, rhs), R), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_0 := mload(L_0_MPTR)
                    let eval := mulmod(l_0, calldataload(0x0f04), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_last := mload(L_LAST_MPTR)
                    let eval := mulmod(l_last, calldataload(0x0f04), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let theta := mload(THETA_MPTR)
                    let beta := mload(BETA_MPTR)
                    let table
                    {
                        let f_5 := calldataload(0x09e4)
                        let f_9 := calldataload(0x0a04)
                        table := f_5
                        table := addmod(mulmod(table, theta, R), f_9, R)
                        table := addmod(table, beta, R)
                    }
                    let input_0
                    {
                        let f_16 := calldataload(0x0b44)
                        let var0 := 0x1
                        let a_1 := calldataload(0x0804)
                        let var1 := sub(R, a_1)
                        let var2 := addmod(var0, var1, R)
                        let var3 := mulmod(var0, var2, R)
                        let var4 := mulmod(var0, var3, R)
                        let var5 := 0x2
                        let var6 := addmod(var5, var1, R)
                        let var7 := mulmod(var0, var6, R)
                        let var8 := 0x3
                        let var9 := addmod(var8, var1, R)
                        let var10 := mulmod(var0, var9, R)
                        let var11 := mulmod(var7, var10, R)
                        let var12 := mulmod(var4, var11, R)
                        let var13 := mulmod(f_16, var12, R)
                        let a_0 := calldataload(0x07e4)
                        let var14 := mulmod(var13, a_0, R)
                        let var15 := 0x6
                        let var16 := sub(R, var13)
                        let var17 := addmod(var15, var16, R)
                        let var18 := 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593efff8c31
                        let var19 := mulmod(var17, var18, R)
                        let var20 := addmod(var14, var19, R)
                        let a_2 := calldataload(0x0824)
                        let var21 := mulmod(var13, a_2, R)
                        let var22 := 0x0
                        let var23 := mulmod(var17, var22, R)
                        let var24 := addmod(var21, var23, R)
                        input_0 := var20
                        input_0 := addmod(mulmod(input_0, theta, R), var24, R)
                        input_0 := addmod(input_0, beta, R)
                    }
                    let lhs
                    let rhs
                    rhs := table
                    {
                        let tmp := input_0
                        rhs := addmod(rhs, sub(R, mulmod(calldataload(0x0f44), tmp, R)), R)
                        lhs := mulmod(mulmod(table, tmp, R), addmod(calldataload(0x0f24), sub(R, calldataload(0x0f04)), R), R)
                    }
                    let eval := mulmod(addmod(1, sub(R, addmod(mload(L_BLIND_MPTR), mload(L_LAST_MPTR), R)), R), addmod(lhs, sub(R, rhs), R), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_0 := mload(L_0_MPTR)
                    let eval := mulmod(l_0, calldataload(0x0f64), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_last := mload(L_LAST_MPTR)
                    let eval := mulmod(l_last, calldataload(0x0f64), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let theta := mload(THETA_MPTR)
                    let beta := mload(BETA_MPTR)
                    let table
                    {
                        let f_6 := calldataload(0x0a24)
                        let f_10 := calldataload(0x0a44)
                        table := f_6
                        table := addmod(mulmod(table, theta, R), f_10, R)
                        table := addmod(table, beta, R)
                    }
                    let input_0
                    {
                        let f_16 := calldataload(0x0b44)
                        let var0 := 0x1
                        let a_1 := calldataload(0x0804)
                        let var1 := mulmod(var0, a_1, R)
                        let var2 := mulmod(var1, var0, R)
                        let var3 := 0x2
                        let var4 := sub(R, a_1)
                        let var5 := addmod(var3, var4, R)
                        let var6 := mulmod(var0, var5, R)
                        let var7 := 0x3
                        let var8 := addmod(var7, var4, R)
                        let var9 := mulmod(var0, var8, R)
                        let var10 := mulmod(var6, var9, R)
                        let var11 := mulmod(var2, var10, R)
                        let var12 := mulmod(f_16, var11, R)
                        let a_0 := calldataload(0x07e4)
                        let var13 := mulmod(var12, a_0, R)
                        let var14 := sub(R, var12)
                        let var15 := addmod(var3, var14, R)
                        let var16 := 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593efffcc29
                        let var17 := mulmod(var15, var16, R)
                        let var18 := addmod(var13, var17, R)
                        let a_2 := calldataload(0x0824)
                        let var19 := mulmod(var12, a_2, R)
                        let var20 := 0x0
                        let var21 := mulmod(var15, var20, R)
                        let var22 := addmod(var19, var21, R)
                        input_0 := var18
                        input_0 := addmod(mulmod(input_0, theta, R), var22, R)
                        input_0 := addmod(input_0, beta, R)
                    }
                    let lhs
                    let rhs
                    rhs := table
                    {
                        let tmp := input_0
                        rhs := addmod(rhs, sub(R, mulmod(calldataload(0x0fa4), tmp, R)), R)
                        lhs := mulmod(mulmod(table, tmp, R), addmod(calldataload(0x0f84), sub(R, calldataload(0x0f64)), R), R)
                    }
                    let eval := mulmod(addmod(1, sub(R, addmod(mload(L_BLIND_MPTR), mload(L_LAST_MPTR), R)), R), addmod(lhs, sub(R, rhs), R), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_0 := mload(L_0_MPTR)
                    let eval := mulmod(l_0, calldataload(0x0fc4), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_last := mload(L_LAST_MPTR)
                    let eval := mulmod(l_last, calldataload(0x0fc4), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let theta := mload(THETA_MPTR)
                    let beta := mload(BETA_MPTR)
                    let table
                    {
                        let f_7 := calldataload(0x0a64)
                        let f_11 := calldataload(0x0a84)
                        table := f_7
                        table := addmod(mulmod(table, theta, R), f_11, R)
                        table := addmod(table, beta, R)
                    }
                    let input_0
                    {
                        let f_16 := calldataload(0x0b44)
                        let var0 := 0x1
                        let a_1 := calldataload(0x0804)
                        let var1 := mulmod(var0, a_1, R)
                        let var2 := sub(R, a_1)
                        let var3 := addmod(var0, var2, R)
                        let var4 := mulmod(var0, var3, R)
                        let var5 := mulmod(var1, var4, R)
                        let var6 := 0x3
                        let var7 := addmod(var6, var2, R)
                        let var8 := mulmod(var0, var7, R)
                        let var9 := mulmod(var0, var8, R)
                        let var10 := mulmod(var5, var9, R)
                        let var11 := mulmod(f_16, var10, R)
                        let a_0 := calldataload(0x07e4)
                        let var12 := mulmod(var11, a_0, R)
                        let var13 := 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593efffffff
                        let var14 := sub(R, var11)
                        let var15 := addmod(var13, var14, R)
                        let var16 := 0xc20
                        let var17 := mulmod(var15, var16, R)
                        let var18 := addmod(var12, var17, R)
                        let a_2 := calldataload(0x0824)
                        let var19 := mulmod(var11, a_2, R)
                        let var20 := 0x3d1
                        let var21 := mulmod(var15, var20, R)
                        let var22 := addmod(var19, var21, R)
                        input_0 := var18
                        input_0 := addmod(mulmod(input_0, theta, R), var22, R)
                        input_0 := addmod(input_0, beta, R)
                    }
                    let lhs
                    let rhs
                    rhs := table
                    {
                        let tmp := input_0
                        rhs := addmod(rhs, sub(R, mulmod(calldataload(0x1004), tmp, R)), R)
                        lhs := mulmod(mulmod(table, tmp, R), addmod(calldataload(0x0fe4), sub(R, calldataload(0x0fc4)), R), R)
                    }
                    let eval := mulmod(addmod(1, sub(R, addmod(mload(L_BLIND_MPTR), mload(L_LAST_MPTR), R)), R), addmod(lhs, sub(R, rhs), R), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_0 := mload(L_0_MPTR)
                    let eval := mulmod(l_0, calldataload(0x1024), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let l_last := mload(L_LAST_MPTR)
                    let eval := mulmod(l_last, calldataload(0x1024), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }
                {
                    let theta := mload(THETA_MPTR)
                    let beta := mload(BETA_MPTR)
                    let table
                    {
                        let f_8 := calldataload(0x0aa4)
                        let f_12 := calldataload(0x0ac4)
                        table := f_8
                        table := addmod(mulmod(table, theta, R), f_12, R)
                        table := addmod(table, beta, R)
                    }
                    let input_0
                    {
                        let f_16 := calldataload(0x0b44)
                        let var0 := 0x1
                        let a_1 := calldataload(0x0804)
                        let var1 := mulmod(var0, a_1, R)
                        let var2 := sub(R, a_1)
                        let var3 := addmod(var0, var2, R)
                        let var4 := mulmod(var0, var3, R)
                        let var5 := mulmod(var1, var4, R)
                        let var6 := 0x2
                        let var7 := addmod(var6, var2, R)
                        let var8 := mulmod(var0, var7, R)
                        let var9 := mulmod(var8, var0, R)
                        let var10 := mulmod(var5, var9, R)
                        let var11 := mulmod(f_16, var10, R)
                        let a_0 := calldataload(0x07e4)
                        let var12 := mulmod(var11, a_0, R)
                        let var13 := 0x6
                        let var14 := sub(R, var11)
                        let var15 := addmod(var13, var14, R)
                        let var16 := 0x4c18
                        let var17 := mulmod(var15, var16, R)
                        let var18 := addmod(var12, var17, R)
                        let a_2 := calldataload(0x0824)
                        let var19 := mulmod(var11, a_2, R)
                        let var20 := 0x400
                        let var21 := mulmod(var15, var20, R)
                        let var22 := addmod(var19, var21, R)
                        input_0 := var18
                        input_0 := addmod(mulmod(input_0, theta, R), var22, R)
                        input_0 := addmod(input_0, beta, R)
                    }
                    let lhs
                    let rhs
                    rhs := table
                    {
                        let tmp := input_0
                        rhs := addmod(rhs, sub(R, mulmod(calldataload(0x1064), tmp, R)), R)
                        lhs := mulmod(mulmod(table, tmp, R), addmod(calldataload(0x1044), sub(R, calldataload(0x1024)), R), R)
                    }
                    let eval := mulmod(addmod(1, sub(R, addmod(mload(L_BLIND_MPTR), mload(L_LAST_MPTR), R)), R), addmod(lhs, sub(R, rhs), R), R)
                    quotient_eval_numer := addmod(mulmod(quotient_eval_numer, y, r), eval, r)
                }

                pop(y)

                let quotient_eval := mulmod(quotient_eval_numer, mload(X_N_MINUS_1_INV_MPTR), r)
                mstore(QUOTIENT_EVAL_MPTR, quotient_eval)
            }

            // Compute quotient commitment
            {
                mstore(0x00, calldataload(LAST_QUOTIENT_X_CPTR))
                mstore(0x20, calldataload(add(LAST_QUOTIENT_X_CPTR, 0x20)))
                let x_n := mload(X_N_MPTR)
                for
                    {
                        let cptr := sub(LAST_QUOTIENT_X_CPTR, 0x40)
                        let cptr_end := sub(FIRST_QUOTIENT_X_CPTR, 0x40)
                    }
                    lt(cptr_end, cptr)
                    {}
                {
                    success := ec_mul_acc(success, x_n)
                    success := ec_add_acc(success, calldataload(cptr), calldataload(add(cptr, 0x20)))
                    cptr := sub(cptr, 0x40)
                }
                mstore(QUOTIENT_X_MPTR, mload(0x00))
                mstore(QUOTIENT_Y_MPTR, mload(0x20))
            }

            // Compute pairing lhs and rhs
            {
                {
                    let x := mload(X_MPTR)
                    let omega := mload(OMEGA_MPTR)
                    let omega_inv := mload(OMEGA_INV_MPTR)
                    let x_pow_of_omega := mulmod(x, omega, R)
                    mstore(0x0420, x_pow_of_omega)
                    mstore(0x0400, x)
                    x_pow_of_omega := mulmod(x, omega_inv, R)
                    mstore(0x03e0, x_pow_of_omega)
                    x_pow_of_omega := mulmod(x_pow_of_omega, omega_inv, R)
                    x_pow_of_omega := mulmod(x_pow_of_omega, omega_inv, R)
                    x_pow_of_omega := mulmod(x_pow_of_omega, omega_inv, R)
                    x_pow_of_omega := mulmod(x_pow_of_omega, omega_inv, R)
                    x_pow_of_omega := mulmod(x_pow_of_omega, omega_inv, R)
                    mstore(0x03c0, x_pow_of_omega)
                }
                {
                    let mu := mload(MU_MPTR)
                    for
                        {
                            let mptr := 0x0440
                            let mptr_end := 0x04c0
                            let point_mptr := 0x03c0
                        }
                        lt(mptr, mptr_end)
                        {
                            mptr := add(mptr, 0x20)
                            point_mptr := add(point_mptr, 0x20)
                        }
                    {
                        mstore(mptr, addmod(mu, sub(R, mload(point_mptr)), R))
                    }
                    let s
                    s := mload(0x0480)
                    mstore(0x04c0, s)
                    let diff
                    diff := mload(0x0440)
                    diff := mulmod(diff, mload(0x0460), R)
                    diff := mulmod(diff, mload(0x04a0), R)
                    mstore(0x04e0, diff)
                    mstore(0x00, diff)
                    diff := mload(0x0440)
                    diff := mulmod(diff, mload(0x04a0), R)
                    mstore(0x0500, diff)
                    diff := mload(0x0440)
                    mstore(0x0520, diff)
                    diff := mload(0x0460)
                    mstore(0x0540, diff)
                    diff := mload(0x0440)
                    diff := mulmod(diff, mload(0x0460), R)
                    mstore(0x0560, diff)
                }
                {
                    let point_2 := mload(0x0400)
                    let coeff
                    coeff := 1
                    coeff := mulmod(coeff, mload(0x0480), R)
                    mstore(0x20, coeff)
                }
                {
                    let point_1 := mload(0x03e0)
                    let point_2 := mload(0x0400)
                    let coeff
                    coeff := addmod(point_1, sub(R, point_2), R)
                    coeff := mulmod(coeff, mload(0x0460), R)
                    mstore(0x40, coeff)
                    coeff := addmod(point_2, sub(R, point_1), R)
                    coeff := mulmod(coeff, mload(0x0480), R)
                    mstore(0x60, coeff)
                }
                {
                    let point_1 := mload(0x03e0)
                    let point_2 := mload(0x0400)
                    let point_3 := mload(0x0420)
                    let coeff
                    coeff := addmod(point_1, sub(R, point_2), R)
                    coeff := mulmod(coeff, addmod(point_1, sub(R, point_3), R), R)
                    coeff := mulmod(coeff, mload(0x0460), R)
                    mstore(0x80, coeff)
                    coeff := addmod(point_2, sub(R, point_1), R)
                    coeff := mulmod(coeff, addmod(point_2, sub(R, point_3), R), R)
                    coeff := mulmod(coeff, mload(0x0480), R)
                    mstore(0xa0, coeff)
                    coeff := addmod(point_3, sub(R, point_1), R)
                    coeff := mulmod(coeff, addmod(point_3, sub(R, point_2), R), R)
                    coeff := mulmod(coeff, mload(0x04a0), R)
                    mstore(0xc0, coeff)
                }
                {
                    let point_0 := mload(0x03c0)
                    let point_2 := mload(0x0400)
                    let point_3 := mload(0x0420)
                    let coeff
                    coeff := addmod(point_0, sub(R, point_2), R)
                    coeff := mulmod(coeff, addmod(point_0, sub(R, point_3), R), R)
                    coeff := mulmod(coeff, mload(0x0440), R)
                    mstore(0xe0, coeff)
                    coeff := addmod(point_2, sub(R, point_0), R)
                    coeff := mulmod(coeff, addmod(point_2, sub(R, point_3), R), R)
                    coeff := mulmod(coeff, mload(0x0480), R)
                    mstore(0x0100, coeff)
                    coeff := addmod(point_3, sub(R, point_0), R)
                    coeff := mulmod(coeff, addmod(point_3, sub(R, point_2), R), R)
                    coeff := mulmod(coeff, mload(0x04a0), R)
                    mstore(0x0120, coeff)
                }
                {
                    let point_2 := mload(0x0400)
                    let point_3 := mload(0x0420)
                    let coeff
                    coeff := addmod(point_2, sub(R, point_3), R)
                    coeff := mulmod(coeff, mload(0x0480), R)
                    mstore(0x0140, coeff)
                    coeff := addmod(point_3, sub(R, point_2), R)
                    coeff := mulmod(coeff, mload(0x04a0), R)
                    mstore(0x0160, coeff)
                }
                {
                    success := batch_invert(success, 0, 0x0180)
                    let diff_0_inv := mload(0x00)
                    mstore(0x04e0, diff_0_inv)
                    for
                        {
                            let mptr := 0x0500
                            let mptr_end := 0x0580
                        }
                        lt(mptr, mptr_end)
                        { mptr := add(mptr, 0x20) }
                    {
                        mstore(mptr, mulmod(mload(mptr), diff_0_inv, R))
                    }
                }
                {
                    let coeff := mload(0x20)
                    let zeta := mload(ZETA_MPTR)
                    let r_eval := 0
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x0c04), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, mload(QUOTIENT_EVAL_MPTR), R), R)
                    for
                        {
                            let mptr := 0x0d24
                            let mptr_end := 0x0c04
                        }
                        lt(mptr_end, mptr)
                        { mptr := sub(mptr, 0x20) }
                    {
                        r_eval := addmod(mulmod(r_eval, zeta, R), mulmod(coeff, calldataload(mptr), R), R)
                    }
                    for
                        {
                            let mptr := 0x0be4
                            let mptr_end := 0x0924
                        }
                        lt(mptr_end, mptr)
                        { mptr := sub(mptr, 0x20) }
                    {
                        r_eval := addmod(mulmod(r_eval, zeta, R), mulmod(coeff, calldataload(mptr), R), R)
                    }
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x1064), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x1004), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x0fa4), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x0f44), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x0ee4), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x0e84), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x0e24), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x08c4), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x0804), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(coeff, calldataload(0x07e4), R), R)
                    mstore(0x0580, r_eval)
                }
                {
                    let zeta := mload(ZETA_MPTR)
                    let r_eval := 0
                    r_eval := addmod(r_eval, mulmod(mload(0x40), calldataload(0x0924), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x60), calldataload(0x0824), R), R)
                    r_eval := mulmod(r_eval, mload(0x0500), R)
                    mstore(0x05a0, r_eval)
                }
                {
                    let zeta := mload(ZETA_MPTR)
                    let r_eval := 0
                    r_eval := addmod(r_eval, mulmod(mload(0x80), calldataload(0x08e4), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0xa0), calldataload(0x0864), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0xc0), calldataload(0x08a4), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(mload(0x80), calldataload(0x0904), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0xa0), calldataload(0x0844), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0xc0), calldataload(0x0884), R), R)
                    r_eval := mulmod(r_eval, mload(0x0520), R)
                    mstore(0x05c0, r_eval)
                }
                {
                    let zeta := mload(ZETA_MPTR)
                    let r_eval := 0
                    r_eval := addmod(r_eval, mulmod(mload(0xe0), calldataload(0x0d84), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0100), calldataload(0x0d44), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0120), calldataload(0x0d64), R), R)
                    r_eval := mulmod(r_eval, mload(0x0540), R)
                    mstore(0x05e0, r_eval)
                }
                {
                    let zeta := mload(ZETA_MPTR)
                    let r_eval := 0
                    r_eval := addmod(r_eval, mulmod(mload(0x0140), calldataload(0x1024), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0160), calldataload(0x1044), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0140), calldataload(0x0fc4), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0160), calldataload(0x0fe4), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0140), calldataload(0x0f64), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0160), calldataload(0x0f84), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0140), calldataload(0x0f04), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0160), calldataload(0x0f24), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0140), calldataload(0x0ea4), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0160), calldataload(0x0ec4), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0140), calldataload(0x0e44), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0160), calldataload(0x0e64), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0140), calldataload(0x0de4), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0160), calldataload(0x0e04), R), R)
                    r_eval := mulmod(r_eval, zeta, R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0140), calldataload(0x0da4), R), R)
                    r_eval := addmod(r_eval, mulmod(mload(0x0160), calldataload(0x0dc4), R), R)
                    r_eval := mulmod(r_eval, mload(0x0560), R)
                    mstore(0x0600, r_eval)
                }
                {
                    let sum := mload(0x20)
                    mstore(0x0620, sum)
                }
                {
                    let sum := mload(0x40)
                    sum := addmod(sum, mload(0x60), R)
                    mstore(0x0640, sum)
                }
                {
                    let sum := mload(0x80)
                    sum := addmod(sum, mload(0xa0), R)
                    sum := addmod(sum, mload(0xc0), R)
                    mstore(0x0660, sum)
                }
                {
                    let sum := mload(0xe0)
                    sum := addmod(sum, mload(0x0100), R)
                    sum := addmod(sum, mload(0x0120), R)
                    mstore(0x0680, sum)
                }
                {
                    let sum := mload(0x0140)
                    sum := addmod(sum, mload(0x0160), R)
                    mstore(0x06a0, sum)
                }
                {
                    for
                        {
                            let mptr := 0x00
                            let mptr_end := 0xa0
                            let sum_mptr := 0x0620
                        }
                        lt(mptr, mptr_end)
                        {
                            mptr := add(mptr, 0x20)
                            sum_mptr := add(sum_mptr, 0x20)
                        }
                    {
                        mstore(mptr, mload(sum_mptr))
                    }
                    success := batch_invert(success, 0, 0xa0)
                    let r_eval := mulmod(mload(0x80), mload(0x0600), R)
                    for
                        {
                            let sum_inv_mptr := 0x60
                            let sum_inv_mptr_end := 0xa0
                            let r_eval_mptr := 0x05e0
                        }
                        lt(sum_inv_mptr, sum_inv_mptr_end)
                        {
                            sum_inv_mptr := sub(sum_inv_mptr, 0x20)
                            r_eval_mptr := sub(r_eval_mptr, 0x20)
                        }
                    {
                        r_eval := mulmod(r_eval, mload(NU_MPTR), R)
                        r_eval := addmod(r_eval, mulmod(mload(sum_inv_mptr), mload(r_eval_mptr), R), R)
                    }
                    mstore(R_EVAL_MPTR, r_eval)
                }
                {
                    let nu := mload(NU_MPTR)
                    mstore(0x00, calldataload(0x05e4))
                    mstore(0x20, calldataload(0x0604))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(QUOTIENT_X_MPTR), mload(QUOTIENT_Y_MPTR))
                    for
                        {
                            let mptr := 0x10e0
                            let mptr_end := 0x0c20
                        }
                        lt(mptr_end, mptr)
                        { mptr := sub(mptr, 0x40) }
                    {
                        success := ec_mul_acc(success, mload(ZETA_MPTR))
                        success := ec_add_acc(success, mload(mptr), mload(add(mptr, 0x20)))
                    }
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0b60), mload(0x0b80))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0c20), mload(0x0c40))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0b20), mload(0x0b40))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0be0), mload(0x0c00))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0ae0), mload(0x0b00))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0ba0), mload(0x0bc0))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0aa0), mload(0x0ac0))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x09e0), mload(0x0a00))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x09a0), mload(0x09c0))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0a60), mload(0x0a80))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0a20), mload(0x0a40))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, mload(0x0960), mload(0x0980))
                    for
                        {
                            let mptr := 0x0364
                            let mptr_end := 0x0164
                        }
                        lt(mptr_end, mptr)
                        { mptr := sub(mptr, 0x40) }
                    {
                        success := ec_mul_acc(success, mload(ZETA_MPTR))
                        success := ec_add_acc(success, calldataload(mptr), calldataload(add(mptr, 0x20)))
                    }
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, calldataload(0xa4), calldataload(0xc4))
                    success := ec_mul_acc(success, mload(ZETA_MPTR))
                    success := ec_add_acc(success, calldataload(0x64), calldataload(0x84))
                    mstore(0x80, calldataload(0xe4))
                    mstore(0xa0, calldataload(0x0104))
                    success := ec_mul_tmp(success, mulmod(nu, mload(0x0500), R))
                    success := ec_add_acc(success, mload(0x80), mload(0xa0))
                    nu := mulmod(nu, mload(NU_MPTR), R)
                    mstore(0x80, calldataload(0x0164))
                    mstore(0xa0, calldataload(0x0184))
                    success := ec_mul_tmp(success, mload(ZETA_MPTR))
                    success := ec_add_tmp(success, calldataload(0x0124), calldataload(0x0144))
                    success := ec_mul_tmp(success, mulmod(nu, mload(0x0520), R))
                    success := ec_add_acc(success, mload(0x80), mload(0xa0))
                    nu := mulmod(nu, mload(NU_MPTR), R)
                    mstore(0x80, calldataload(0x03a4))
                    mstore(0xa0, calldataload(0x03c4))
                    success := ec_mul_tmp(success, mulmod(nu, mload(0x0540), R))
                    success := ec_add_acc(success, mload(0x80), mload(0xa0))
                    nu := mulmod(nu, mload(NU_MPTR), R)
                    mstore(0x80, calldataload(0x05a4))
                    mstore(0xa0, calldataload(0x05c4))
                    for
                        {
                            let mptr := 0x0564
                            let mptr_end := 0x03a4
                        }
                        lt(mptr_end, mptr)
                        { mptr := sub(mptr, 0x40) }
                    {
                        success := ec_mul_tmp(success, mload(ZETA_MPTR))
                        success := ec_add_tmp(success, calldataload(mptr), calldataload(add(mptr, 0x20)))
                    }
                    success := ec_mul_tmp(success, mulmod(nu, mload(0x0560), R))
                    success := ec_add_acc(success, mload(0x80), mload(0xa0))
                    mstore(0x80, mload(G1_X_MPTR))
                    mstore(0xa0, mload(G1_Y_MPTR))
                    success := ec_mul_tmp(success, sub(R, mload(R_EVAL_MPTR)))
                    success := ec_add_acc(success, mload(0x80), mload(0xa0))
                    mstore(0x80, calldataload(0x1084))
                    mstore(0xa0, calldataload(0x10a4))
                    success := ec_mul_tmp(success, sub(R, mload(0x04c0)))
                    success := ec_add_acc(success, mload(0x80), mload(0xa0))
                    mstore(0x80, calldataload(0x10c4))
                    mstore(0xa0, calldataload(0x10e4))
                    success := ec_mul_tmp(success, mload(MU_MPTR))
                    success := ec_add_acc(success, mload(0x80), mload(0xa0))
                    mstore(PAIRING_LHS_X_MPTR, mload(0x00))
                    mstore(PAIRING_LHS_Y_MPTR, mload(0x20))
                    mstore(PAIRING_RHS_X_MPTR, calldataload(0x10c4))
                    mstore(PAIRING_RHS_Y_MPTR, calldataload(0x10e4))
                }
            }

            // Random linear combine with accumulator
            if mload(HAS_ACCUMULATOR_MPTR) {
                mstore(0x00, mload(ACC_LHS_X_MPTR))
                mstore(0x20, mload(ACC_LHS_Y_MPTR))
                mstore(0x40, mload(ACC_RHS_X_MPTR))
                mstore(0x60, mload(ACC_RHS_Y_MPTR))
                mstore(0x80, mload(PAIRING_LHS_X_MPTR))
                mstore(0xa0, mload(PAIRING_LHS_Y_MPTR))
                mstore(0xc0, mload(PAIRING_RHS_X_MPTR))
                mstore(0xe0, mload(PAIRING_RHS_Y_MPTR))
                let challenge := mod(keccak256(0x00, 0x100), r)

                // [pairing_lhs] += challenge * [acc_lhs]
                success := ec_mul_acc(success, challenge)
                success := ec_add_acc(success, mload(PAIRING_LHS_X_MPTR), mload(PAIRING_LHS_Y_MPTR))
                mstore(PAIRING_LHS_X_MPTR, mload(0x00))
                mstore(PAIRING_LHS_Y_MPTR, mload(0x20))

                // [pairing_rhs] += challenge * [acc_rhs]
                mstore(0x00, mload(ACC_RHS_X_MPTR))
                mstore(0x20, mload(ACC_RHS_Y_MPTR))
                success := ec_mul_acc(success, challenge)
                success := ec_add_acc(success, mload(PAIRING_RHS_X_MPTR), mload(PAIRING_RHS_Y_MPTR))
                mstore(PAIRING_RHS_X_MPTR, mload(0x00))
                mstore(PAIRING_RHS_Y_MPTR, mload(0x20))
            }

            // Perform pairing
            success := ec_pairing(
                success,
                mload(PAIRING_LHS_X_MPTR),
                mload(PAIRING_LHS_Y_MPTR),
                mload(PAIRING_RHS_X_MPTR),
                mload(PAIRING_RHS_Y_MPTR)
            )

            // Revert if anything fails
            if iszero(success) {
                revert(0x00, 0x00)
            }

            // Return 1 as result if everything succeeds
            mstore(0x00, 1)
            return(0x00, 0x20)
        }
    }
}